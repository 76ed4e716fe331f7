"""Views built over search results: grouping by document, comparing sources, batch search and the entity page.
Each takes what it needs (a search function, the backend, the canon) as arguments: none imports the facade."""
