"""Page -> Article. `core.extract_page` is where a page becomes an article."""
