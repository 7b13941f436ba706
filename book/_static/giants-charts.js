// Draw every chart container the book's build put on this page (see giants/sphinxext.py).
// Loaded, deferred, only on pages with charts, after the vendored vega scripts.
(function () {
  "use strict";
  // No "open in editor" or "view source" actions: they would send readers off the site.
  const options = {
    renderer: "svg",
    actions: { export: true, source: false, compiled: false, editor: false },
  };
  document.querySelectorAll(".giants-chart").forEach(function (chart) {
    const view = chart.querySelector(".giants-chart-view");
    let spec;
    try {
      spec = JSON.parse(chart.querySelector(".giants-chart-spec").textContent);
    } catch (error) {
      view.textContent = "This chart's data could not be read.";
      console.error(error);
      return;
    }
    vegaEmbed(view, spec, options).catch(function (error) {
      view.textContent = "This chart could not be drawn: " + error.message;
      console.error(error);
    });
  });
})();
