"""Who said what: entities and quotations on top of the article record.

`pipeline.analyze(article)` / `pipeline.analyze_many(articles)` fill `Article.entities` and
`Article.quotes`. The spaCy pipeline is chosen per language (`lang.get(code).spacy_model`,
overridable in `Settings.models`); the rules on top read only `lang/<code>/quotes.py` data.
"""
