"""Shared helpers for the book *Vietnam between the giants*.

    from giants import charts, data, maps

`data` loads and validates the datasets, `charts` holds the one chart theme and palettes,
`maps` the basemap and projections, `timeline` the book's timeline of events, and `spiral`
the spiral/deterrence teaching model. `check_setup()` tells a reader whether their machine
can run the chapters.
"""

__version__ = "0.1.0"


def check_setup() -> None:
    """Print the versions that matter and load every dataset once; raise if one fails."""
    import platform

    import altair
    import geopandas
    import pandas

    from giants import data

    print(
        f"Python {platform.python_version()}, pandas {pandas.__version__}, "
        f"geopandas {geopandas.__version__}, Altair {altair.__version__}"
    )
    names = [r["name"] for r in data.package()["resources"]]
    for name in names:
        data.load(name)
    print(f"{len(names)} dataset(s) in {data.DATA_DIR} loaded and validated: {', '.join(names)}")
