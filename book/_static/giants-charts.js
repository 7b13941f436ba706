// Draw every chart container the book's build put on this page (see giants/sphinxext.py).
// Loaded, deferred, only on pages with charts. The vendored vega scripts it names in its
// data-vendor attribute are fetched only once the page has loaded, so that their 800 KB
// never delay the first paint of the text.
(function () {
  "use strict";
  const self = document.currentScript;
  const vendor = (self.dataset.vendor || "").split(" ").filter(Boolean).map(function (path) {
    return new URL(path, self.src).href;
  });
  let vegaLoading = null;
  // vega, vega-lite, then vega-embed: each needs the one before it.
  function loadVega() {
    if (!vegaLoading) {
      vegaLoading = vendor.reduce(function (previous, src) {
        return previous.then(function () {
          return new Promise(function (resolve, reject) {
            const script = document.createElement("script");
            script.src = src;
            script.onload = resolve;
            script.onerror = function () { reject(new Error("could not load " + src)); };
            document.head.appendChild(script);
          });
        });
      }, Promise.resolve());
    }
    return vegaLoading;
  }
  // No "open in editor" or "view source" actions: they would send readers off the site.
  const options = {
    renderer: "svg",
    actions: { export: true, source: false, compiled: false, editor: false },
  };
  // The rows the chart draws: its inline datasets, map features reduced to their properties,
  // nested values (geometry) left out. Several datasets are stacked with a "dataset" column.
  function rowsOf(spec) {
    const sets = spec.datasets || {};
    const names = Object.keys(sets);
    const rows = [];
    names.forEach(function (name, i) {
      sets[name].forEach(function (record) {
        const flat = record && record.type === "Feature" ? record.properties || {} : record;
        const row = names.length > 1 ? { dataset: "table " + (i + 1) } : {};
        Object.keys(flat).forEach(function (key) {
          const value = flat[key];
          if (value === null || typeof value !== "object") row[key] = value;
        });
        rows.push(row);
      });
    });
    return rows;
  }

  function toCsv(rows) {
    const columns = [];
    rows.forEach(function (row) {
      Object.keys(row).forEach(function (key) { if (columns.indexOf(key) < 0) columns.push(key); });
    });
    const cell = function (value) {
      if (value === undefined || value === null) return "";
      const text = String(value);
      return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    };
    return [columns.join(",")].concat(rows.map(function (row) {
      return columns.map(function (key) { return cell(row[key]); }).join(",");
    })).join("\n") + "\n";
  }

  function draw(chart) {
    if (chart.dataset.drawn) return;
    chart.dataset.drawn = "yes";
    const view = chart.querySelector(".giants-chart-view");
    let spec, original;
    try {
      const text = chart.querySelector(".giants-chart-spec").textContent;
      spec = JSON.parse(text);
      original = JSON.parse(text);  // Vega works on spec's data in place; tables come from this copy.
    } catch (error) {
      view.textContent = "This chart's data could not be read.";
      console.error(error);
      return;
    }
    const csv = chart.querySelector(".chart-csv");
    if (csv) {
      const rows = rowsOf(original);
      csv.href = URL.createObjectURL(new Blob([toCsv(rows)], { type: "text/csv" }));
      csv.title = rows.length + " rows";
    }
    // A text equivalent for screen readers and for checking values: the same rows as a
    // table, built only when a reader opens it (some charts hold hundreds of rows).
    const table = chart.querySelector("details.chart-table");
    if (table) {
      table.addEventListener("toggle", function () {
        if (!table.open || table.dataset.built) return;
        table.dataset.built = "yes";
        const rows = rowsOf(original).slice(0, 500);
        const columns = rows.length ? Object.keys(rows[0]) : [];
        const element = document.createElement("table");
        element.className = "table";
        const head = element.createTHead().insertRow();
        columns.forEach(function (key) {
          const th = document.createElement("th"); th.scope = "col"; th.textContent = key; head.appendChild(th);
        });
        const body = element.createTBody();
        rows.forEach(function (row) {
          const tr = body.insertRow();
          columns.forEach(function (key) { tr.insertCell().textContent = row[key] === undefined ? "" : row[key]; });
        });
        table.replaceChild(element, table.querySelector("p"));
      });
    }
    const url = chart.querySelector(".chart-cite-url");
    if (url && location.protocol !== "file:") url.textContent = ", " + location.href.split("#")[0];
    const embedOptions = Object.assign({}, options);
    const isMap = chart.classList.contains("giants-chart--map");
    const designHeight = spec.height;
    if (spec.width === "container") {
      // The drawing gets the column less the export menu's button beside it (66 px measured).
      const width = view.clientWidth - 66;
      fitTitle(spec, width);
      if (width < NARROW) embedOptions.patch = narrowLegends;  // drawing width, not column width
      if (isMap) spec.height = mapHeight(spec, width);
    }
    if (!embedOptions.patch) embedOptions.patch = stackLegends;
    return loadVega().then(function () {
      return vegaEmbed(view, spec, embedOptions);
    }).then(function (result) {
      if (spec.width === "container") {
        followColumnWidth(view, result.view, isMap ? function (width) {
          return mapHeight({ height: designHeight }, width);
        } : null);
      } else scrollFrame(chart, view);
    }).catch(function (error) {
      view.textContent = "This chart could not be drawn: " + error.message;
      console.error(error);
    });
  }

  // Vega never wraps text, and a chart sized to its column is as narrow as the column: a title
  // written for a page (wrapped at about 70 characters in Python) runs off a phone's screen and,
  // with autosize "fit", squeezes the plot to make room. Re-wrap title and subtitle to the
  // width the chart will have; average glyph widths of the book's font at the theme's sizes.
  function fitTitle(spec, width) {
    if (!spec.title || !width) return;
    const title = typeof spec.title === "string" || Array.isArray(spec.title) ? { text: spec.title } : spec.title;
    const wrap = function (lines, pixelsPerChar) {
      const words = [].concat(lines).join(" ").split(/\s+/).filter(Boolean);
      const limit = Math.max(16, Math.floor(width / pixelsPerChar));
      const out = [];
      words.forEach(function (word) {
        const last = out.length ? out[out.length - 1] : null;
        if (last !== null && (last + " " + word).length <= limit) out[out.length - 1] = last + " " + word;
        else out.push(word);
      });
      return out;
    };
    // Only text that would overflow is re-wrapped, so line breaks chosen by the author stay.
    const fits = function (lines, pixelsPerChar) {
      return [].concat(lines).every(function (line) { return String(line).length * pixelsPerChar <= width; });
    };
    if (title.text && !fits(title.text, 9.8)) title.text = wrap(title.text, 9.8);
    if (title.subtitle && !fits(title.subtitle, 7.2)) title.subtitle = wrap(title.subtitle, 7.2);
    spec.title = title;
  }

  // Below this column width a chart's legends are stacked, each in two columns, instead of
  // standing side by side in one long row that would leave no width for the plot.
  const NARROW = 560;
  function narrowLegends(vgSpec) {
    vgSpec.config = vgSpec.config || {};
    const legend = vgSpec.config.legend = vgSpec.config.legend || {};
    legend.layout = { top: { anchor: "start", direction: "vertical", margin: 4 },
                      bottom: { anchor: "start", direction: "vertical", margin: 4 } };
    // One column: two columns of labels up to 140 px each overran a phone's 280 px drawing.
    legend.columns = 1;
    legend.labelLimit = 240;
    return vgSpec;
  }

  // Vega sizes a width: "container" chart from its wrapper when the window fires "resize",
  // reading the width at that instant; a window resized in steps (a phone turned, a
  // full-page screenshot) can leave the chart drawn at a width the column no longer has.
  // Watching the wrapper itself re-fits the chart once layout has settled, and also when
  // the column changes without any window resize (a sidebar opened, the action menu added).
  // A map is drawn at its column's width (its projection's scale follows the width and height
  // signals), never shrunk by the stylesheet, which would shrink its text with it. Its height
  // follows the width, up to the height it was designed with: about square, as the sea's frame is.
  function mapHeight(spec, width) {
    return Math.round(Math.min(spec.height || width, Math.max(width, 240) * 1.05));
  }

  function followColumnWidth(view, vegaView, heightFor) {
    const wrapper = view.querySelector(".chart-wrapper");
    if (!wrapper || !("ResizeObserver" in window)) return;
    // Marks the chart as one that must fit its column at every width (the browser test reads it).
    view.dataset.fits = "column";
    new ResizeObserver(function (entries) {
      const width = Math.floor(entries[entries.length - 1].contentRect.width);
      if (width > 0 && Math.abs(vegaView.width() - width) > 1) {
        vegaView.width(width);
        if (heightFor) vegaView.height(heightFor(width));
        vegaView.runAsync();
      }
    }).observe(wrapper);
  }

  // At any width, a chart's legends stand one under the other: Vega's "fit" sizing leaves a row
  // of legends out of its sums, and a second legend beside the first ran past the drawing's edge.
  function stackLegends(vgSpec) {
    vgSpec.config = vgSpec.config || {};
    const legend = vgSpec.config.legend = vgSpec.config.legend || {};
    legend.layout = { top: { anchor: "start", direction: "vertical", margin: 4 },
                      bottom: { anchor: "start", direction: "vertical", margin: 4 } };
    return vgSpec;
  }

  // A chart of fixed width (the timelines, whose brush a CSS-scaled drawing would misplace)
  // cannot follow a narrow column; it scrolls sideways inside its frame instead. While the
  // drawing is wider than the frame, the chart is marked: the stylesheet then says "scroll"
  // above it and fades its right edge, until the reader has scrolled to the end.
  function scrollFrame(chart, view) {
    const update = function () {
      const overflows = view.scrollWidth > view.clientWidth + 1;
      chart.classList.toggle("giants-chart--scrolls", overflows);
      chart.classList.toggle("giants-chart--scrolled-to-end",
                             view.scrollLeft + view.clientWidth >= view.scrollWidth - 2);
    };
    update();
    view.addEventListener("scroll", update, { passive: true });
    if ("ResizeObserver" in window) new ResizeObserver(update).observe(view);
  }

  // Compiling and drawing a chart is the page's heaviest work, so each chart is drawn when it
  // comes near the screen (or is unfolded), not all at once on load. Printing draws them all.
  const charts = Array.prototype.slice.call(document.querySelectorAll(".giants-chart"));
  window.giantsDrawAll = function () { return Promise.all(charts.map(draw)); };
  window.addEventListener("beforeprint", window.giantsDrawAll);
  // At first only charts already on screen are drawn; once the reader scrolls, charts are
  // drawn 600px before they arrive, so they are ready when reached.
  let watcher = null;
  function watch(margin) {
    if (watcher) watcher.disconnect();
    watcher = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          watcher.unobserve(entry.target);
          draw(entry.target);
        }
      });
    }, { rootMargin: margin });
    charts.forEach(function (chart) { if (!chart.dataset.drawn) watcher.observe(chart); });
  }
  function start() {
    if (!("IntersectionObserver" in window)) {
      window.giantsDrawAll();
      return;
    }
    watch("0px");
    window.addEventListener("scroll", function () { watch("600px 0px"); }, { once: true, passive: true });
  }
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);

  // A chart's spec is a file of its own (_static/charts/<digest>.js, written by
  // giants/sphinx/charts.py), not JSON inside the page: the sea map alone would add 75 KB to
  // the HTML that the first paint waits for. The file is loaded only when its chart is drawn,
  // by a <script> element rather than fetch(): the offline bundle is opened from disk, where
  // fetch() of a neighbouring file fails but a script still loads. It calls giantsSpec(name,
  // spec), which puts the spec back into the chart's (empty) spec element for draw to read.
  const specFiles = {};
  window.giantsSpec = function (name, spec) {
    if (specFiles[name]) specFiles[name].arrived(spec);
  };
  function loadSpec(chart) {
    const element = chart.querySelector(".giants-chart-spec");
    const file = element && element.dataset.file;
    if (!file || element.textContent) return Promise.resolve();
    const name = file.split("/").pop();
    if (!specFiles[name]) {
      specFiles[name] = {};
      specFiles[name].promise = new Promise(function (resolve, reject) {
        specFiles[name].arrived = resolve;
        const script = document.createElement("script");
        script.src = new URL(file, self.src).href;
        script.onerror = function () { reject(new Error("could not load " + file)); };
        document.head.appendChild(script);
      });
    }
    return specFiles[name].promise.then(function (spec) {
      element.textContent = JSON.stringify(spec);
    });
  }
  // Every draw (on scrolling near, on unfolding, before printing) first loads the spec; a
  // spec that cannot be loaded leaves the element empty, and draw reports it to the reader.
  const drawFromPage = draw;
  draw = function (chart) {
    return loadSpec(chart).catch(function (error) { console.error(error); }).then(function () {
      return drawFromPage(chart);
    });
  };
})();
