"""Everything that turns trips into files a person opens.

gantt.py    plotly Gantt of one trip, and the overview of all trips
map.py      the route on a plotly geo map
pages.py    HTML pages (chart + plain tables readable without JavaScript)
exports.py  json / csv / ics
terminal.py rich tables for the CLI
paths.py    safe output names
assets.py   plotly.js and the world outlines, written once beside the pages
text.py     escaping and shortening of article text
"""
