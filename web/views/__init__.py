"""The app's blueprints, one per page or API family; each talks to the index only through `indexer`'s facade."""
