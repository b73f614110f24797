"""The HTTP layer: a JSON API under `/api/v1` and a web page at `/`, over a corpus.

Thin, like the CLI: every endpoint parses its parameters, calls `quotidien.Corpus` (or
`quotidien.extract`) and shapes the answer. `app.py` builds the application (security
headers, body cap, errors as JSON); `routes.py` is the JSON API, `web.py` the pages,
`jobs.py` the ingest jobs, `marks.py` an article's text cut into marked pieces for display.

>>> from quotidien import Corpus
>>> from quotidien.api import create_app
>>> app = create_app(Corpus("news.db"), token="s3cret")   # then: uvicorn.run(app)
"""

from quotidien.api.app import ServerOptions, create_app

__all__ = ["ServerOptions", "create_app"]
