"""Reading: everything that turns bytes into a `Document` and its passages. `pick` chooses a reader by extension and
by sniffing the content; one module per format family; `sources` walks files and folders, `guard` limits what comes
in, `passages` splits a document. Imports nothing above `query` (the plain data) and the base modules."""
