"""Errors the public API raises; each message tells the user what to do."""


class SleuthError(Exception):
    """Base class: the message is shown to the user as it is."""


class ReadError(SleuthError):
    """An input could not be read (empty, binary, unknown format…)."""


class QueryError(SleuthError):
    """A query was refused (too long, too broad, too deeply nested…)."""


class IndexBusy(SleuthError):
    """Another process holds the index's write lock for longer than the writer timeout."""


class SchemaMismatch(SleuthError):
    """The index on disk was written by another schema version."""


class IndexCorrupt(SleuthError):
    """The index on disk cannot be opened."""


class ClusterUnavailable(SleuthError):
    """The search cluster (OpenSearch) does not answer, refuses the credentials, or is too old or red."""


class RegistryDamaged(SleuthError):
    """The document registry (documents.sqlite) cannot be read; the message names the file and the fix."""


class SettingsError(SleuthError, ValueError):
    """A `SLEUTH_*` variable holds a value that cannot be used; the message names it and the fix."""


class ModelMissing(SleuthError):
    """The spaCy model entity finding needs is not installed."""
