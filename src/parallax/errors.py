"""The small exception hierarchy for wrong calls. Unusable articles are not exceptions:
they become :class:`parallax.model.Rejection` records and the batch goes on."""


class ParallaxError(Exception):
    """Base of every error Parallax raises on purpose."""


class InputError(ParallaxError):
    """An input cannot be read at all (missing path, unreadable folder).

    ``path`` names it; the message says what was expected and a likely fix."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class PipelineError(ParallaxError):
    """A pipeline was built wrongly: a stage reads a field no earlier stage writes."""


class StoreError(ParallaxError):
    """The store cannot be opened or migrated (bad URL, unknown scheme, newer schema)."""


class SchemaError(ParallaxError):
    """A report does not validate against its JSON Schema."""
