"""Reading raw captured news pages: :func:`articles.importer.parser.extract`."""
