"""A store's settings file (`DIR/config.json`): the outside projections that follow every write."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import BadInput
from .neo4j import Neo4jSettings

CONFIG_FILE = "config.json"


class StoreConfig(BaseModel):
    """`neo4j`: a Neo4j database kept in sync on every ingest and retract (password from NEO4J_PASSWORD)."""

    model_config = ConfigDict(extra="forbid")

    neo4j: Neo4jSettings | None = None


def load_config(folder: Path) -> StoreConfig:
    path = folder / CONFIG_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return StoreConfig()
    try:
        return StoreConfig.model_validate(json.loads(text))
    except (ValueError, ValidationError) as e:
        raise BadInput.at(str(path), f"not a valid store config: {e}") from e


def save_config(folder: Path, config: StoreConfig) -> None:
    """Write atomically (temp file, then rename)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / CONFIG_FILE
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(config.model_dump_json(indent=2, exclude_none=True) + "\n", encoding="utf-8")
    tmp.replace(path)
