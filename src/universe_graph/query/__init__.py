"""The query layer: named queries, name lookup, paths, profiles, franchise structure, timelines."""

from .evidence import EvidenceRef, Fact, facts_about, facts_between
from .franchise import Franchise, WorkEntry, WorkLink, works
from .named import NamedQuery, QueryResult, named_queries, named_query, run_named
from .names import EntityRef, find_entity
from .path import Hop, PathResult, path
from .profile import Appearance, Profile, ProfileFact, ProfileSection, profile
from .timeline import Act, EventParticipant, Timeline, TimelineEvent, timeline

__all__ = [
    "Act",
    "Appearance",
    "EntityRef",
    "EventParticipant",
    "EvidenceRef",
    "Fact",
    "Franchise",
    "Hop",
    "NamedQuery",
    "PathResult",
    "Profile",
    "ProfileFact",
    "ProfileSection",
    "QueryResult",
    "Timeline",
    "TimelineEvent",
    "WorkEntry",
    "WorkLink",
    "facts_about",
    "facts_between",
    "find_entity",
    "named_queries",
    "named_query",
    "path",
    "profile",
    "run_named",
    "timeline",
    "works",
]
