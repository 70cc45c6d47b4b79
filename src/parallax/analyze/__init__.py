"""analyze: pure per-article stages (sentences, entities, time expressions, quotes)."""

from .entities import EntityStage
from .quotes import QuoteStage
from .roles import RoleStage
from .sentences import SentenceStage
from .stage import Pipeline, Stage
from .timex import TimexStage


def default_pipeline() -> Pipeline:
    return Pipeline([SentenceStage(), EntityStage(), RoleStage(), TimexStage(), QuoteStage()])


__all__ = ["Pipeline", "Stage", "SentenceStage", "EntityStage", "TimexStage", "QuoteStage", "RoleStage",
           "default_pipeline"]
