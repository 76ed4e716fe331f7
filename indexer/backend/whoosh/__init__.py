"""The Whoosh backend: schema, durable storage, query parsing, reranking, collectors, facet cache, admission."""
