"""The plain data the parts pass each other: a search `request` (built and checked once), its `results`, the
`facets` they are counted over and `markup` (escaped, marked text). Imports only the base modules."""
