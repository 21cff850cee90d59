"""The database schema, as typed SQLAlchemy 2 models that read like the domain.

A Document holds TimeExpressions and EventMentions; mentions name People and
Places; Trips hold Legs, Meetings, TripEvents and Conflicts.  Every stored
fact keeps its provenance: a mention or trip fact owns Source rows (document,
character span, sentence).  The schema is created by the Alembic migrations in
`timeline/store/migrations/`, never by `create_all`; change a model here, then
add a migration.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from sqlalchemy import (JSON, Boolean, Date, Float, ForeignKey, Integer, MetaData, String, Text)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names, so that migrations can refer to them on every backend.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


CASCADE = {"ondelete": "CASCADE"}


class Document(Base):
    """One article as read from a file (a .jsonl file gives several)."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(Text, unique=True)          # normalized path (+ "#n" for records)
    source_file: Mapped[str] = mapped_column(Text, index=True)   # resolved path of the file read
    file_sha256: Mapped[str] = mapped_column(String(64))        # of the whole file
    file_documents: Mapped[int] = mapped_column(Integer, default=1)  # documents the file gave
    extractor: Mapped[str] = mapped_column(String(64))          # fingerprint of the extraction code
    path: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text, index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    title: Mapped[Optional[str]] = mapped_column(Text)
    outlet: Mapped[Optional[str]] = mapped_column(Text)
    url: Mapped[Optional[str]] = mapped_column(Text)
    published: Mapped[Optional[dt.date]] = mapped_column(Date)
    published_time: Mapped[Optional[str]] = mapped_column(Text)
    published_source: Mapped[Optional[str]] = mapped_column(Text)
    dateline_place: Mapped[Optional[str]] = mapped_column(Text)
    dateline_date: Mapped[Optional[dt.date]] = mapped_column(Date)
    dateline_start: Mapped[Optional[int]] = mapped_column(Integer)
    dateline_end: Mapped[Optional[int]] = mapped_column(Integer)
    body_start: Mapped[int] = mapped_column(Integer, default=0)
    text_length: Mapped[int] = mapped_column(Integer, default=0)
    problems: Mapped[list[str]] = mapped_column(JSON, default=list)

    time_expressions: Mapped[list[TimeExpression]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True,
        order_by="TimeExpression.start")
    mentions: Mapped[list[EventMention]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True,
        order_by="EventMention.position")


class TimeExpression(Base):
    """A TIMEX3 expression (kind 'timex') or a date range (kind 'range') of a document."""

    __tablename__ = "time_expressions"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", **CASCADE), index=True)
    kind: Mapped[str] = mapped_column(Text)                # timex | range
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    type: Mapped[Optional[str]] = mapped_column(Text)     # DATE | TIME | DURATION | SET
    value: Mapped[Optional[str]] = mapped_column(Text)
    mod: Mapped[Optional[str]] = mapped_column(Text)
    first: Mapped[Optional[dt.date]] = mapped_column(Date)
    last: Mapped[Optional[dt.date]] = mapped_column(Date)
    granularity: Mapped[Optional[str]] = mapped_column(Text)
    inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    conflict: Mapped[Optional[str]] = mapped_column(Text)
    part_of_day: Mapped[Optional[str]] = mapped_column(Text)

    document: Mapped[Document] = relationship(back_populates="time_expressions")


class Person(Base):
    """A person named in a mention; one row per (name, role, country)."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(Text, unique=True)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[Optional[str]] = mapped_column(Text)
    country_iso2: Mapped[Optional[str]] = mapped_column(Text)


class Place(Base):
    """A place named in a mention; one row per (country, iso2, city)."""

    __tablename__ = "places"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(Text, unique=True)
    country: Mapped[Optional[str]] = mapped_column(Text)
    iso2: Mapped[Optional[str]] = mapped_column(Text)
    city: Mapped[Optional[str]] = mapped_column(Text)


class EventMention(Base):
    """A typed event mention in one document, with its actors, place and time."""

    __tablename__ = "event_mentions"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", **CASCADE), index=True)
    position: Mapped[int] = mapped_column(Integer)              # order within the document
    type: Mapped[str] = mapped_column(Text)
    trigger: Mapped[str] = mapped_column(Text)
    traveler_id: Mapped[Optional[int]] = mapped_column(ForeignKey("people.id"), index=True)
    traveler_start: Mapped[Optional[int]] = mapped_column(Integer)
    traveler_end: Mapped[Optional[int]] = mapped_column(Integer)
    place_id: Mapped[Optional[int]] = mapped_column(ForeignKey("places.id"), index=True)
    place_start: Mapped[Optional[int]] = mapped_column(Integer)
    place_end: Mapped[Optional[int]] = mapped_column(Integer)
    start: Mapped[Optional[dt.date]] = mapped_column(Date)
    end: Mapped[Optional[dt.date]] = mapped_column(Date)
    granularity: Mapped[Optional[str]] = mapped_column(Text)
    date_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    date_text: Mapped[Optional[str]] = mapped_column(Text)
    date_value: Mapped[Optional[str]] = mapped_column(Text)  # TIMEX3 value, kept for cross-story resolution
    modality: Mapped[str] = mapped_column(Text, default="happened")
    conflicts: Mapped[list[str]] = mapped_column(JSON, default=list)
    traveler_by: Mapped[Optional[str]] = mapped_column(Text)   # subject | object | owner | story
    days: Mapped[Optional[int]] = mapped_column(Integer)       # the stay's stated length ("a four-day visit")

    document: Mapped[Document] = relationship(back_populates="mentions")
    traveler: Mapped[Optional[Person]] = relationship()
    place: Mapped[Optional[Place]] = relationship()
    counterparts: Mapped[list[Counterpart]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="Counterpart.position")
    itinerary: Mapped[list[ItineraryStop]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ItineraryStop.position")
    sources: Mapped[list[Source]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="Source.position",
        foreign_keys="Source.mention_id")


class Counterpart(Base):
    """A person the traveler met or talked to, in a mention."""

    __tablename__ = "mention_counterparts"

    mention_id: Mapped[int] = mapped_column(ForeignKey("event_mentions.id", **CASCADE), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    span_start: Mapped[Optional[int]] = mapped_column(Integer)
    span_end: Mapped[Optional[int]] = mapped_column(Integer)

    person: Mapped[Person] = relationship()


class ItineraryStop(Base):
    """An announced stop, in order, of a mention that announces an itinerary."""

    __tablename__ = "mention_itinerary"

    mention_id: Mapped[int] = mapped_column(ForeignKey("event_mentions.id", **CASCADE), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id"), index=True)
    span_start: Mapped[Optional[int]] = mapped_column(Integer)
    span_end: Mapped[Optional[int]] = mapped_column(Integer)

    place: Mapped[Place] = relationship()


class Trip(Base):
    """A traveler's trip: the announced plan beside the legs that happened."""

    __tablename__ = "trips"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(Text, unique=True)
    position: Mapped[int] = mapped_column(Integer)
    traveler: Mapped[str] = mapped_column(Text)
    traveler_role: Mapped[Optional[str]] = mapped_column(Text)
    announced: Mapped[bool] = mapped_column(Boolean, default=False)
    announced_start: Mapped[Optional[dt.date]] = mapped_column(Date)
    announced_end: Mapped[Optional[dt.date]] = mapped_column(Date)
    announced_countries: Mapped[Optional[list[str]]] = mapped_column(JSON)
    confidence: Mapped[Optional[float]] = mapped_column(Float)
    confidence_reason: Mapped[Optional[str]] = mapped_column(Text)

    legs: Mapped[list[Leg]] = relationship(cascade="all, delete-orphan", passive_deletes=True,
                                           order_by="Leg.order")
    meetings: Mapped[list[Meeting]] = relationship(cascade="all, delete-orphan", passive_deletes=True,
                                                   order_by="Meeting.position")
    events: Mapped[list[TripEvent]] = relationship(cascade="all, delete-orphan", passive_deletes=True,
                                                   order_by="TripEvent.position")
    conflicts: Mapped[list[Conflict]] = relationship(cascade="all, delete-orphan", passive_deletes=True,
                                                     order_by="Conflict.position")


class Leg(Base):
    """One stop of a trip: country, city, dates, status."""

    __tablename__ = "legs"

    id: Mapped[int] = mapped_column(primary_key=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id", **CASCADE), index=True)
    order: Mapped[int] = mapped_column("order", Integer)
    country: Mapped[str] = mapped_column(Text)
    iso2: Mapped[Optional[str]] = mapped_column(Text)
    city: Mapped[Optional[str]] = mapped_column(Text)
    start: Mapped[Optional[dt.date]] = mapped_column(Date)
    end: Mapped[Optional[dt.date]] = mapped_column(Date)
    status: Mapped[str] = mapped_column(Text)
    start_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    end_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    planned_start: Mapped[Optional[dt.date]] = mapped_column(Date)
    planned_end: Mapped[Optional[dt.date]] = mapped_column(Date)
    confidence: Mapped[Optional[float]] = mapped_column(Float)
    confidence_reason: Mapped[Optional[str]] = mapped_column(Text)


class Meeting(Base):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id", **CASCADE), index=True)
    position: Mapped[int] = mapped_column(Integer)
    date: Mapped[Optional[dt.date]] = mapped_column(Date)
    with_: Mapped[str] = mapped_column("with_name", Text)
    with_role: Mapped[Optional[str]] = mapped_column(Text)
    place: Mapped[Optional[str]] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(Text, default="meeting")
    date_inferred: Mapped[bool] = mapped_column(Boolean, default=False)


class TripEvent(Base):
    __tablename__ = "trip_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id", **CASCADE), index=True)
    position: Mapped[int] = mapped_column(Integer)
    date: Mapped[Optional[dt.date]] = mapped_column(Date)
    end: Mapped[Optional[dt.date]] = mapped_column(Date)
    type: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    place: Mapped[Optional[str]] = mapped_column(Text)


class Conflict(Base):
    """Sources that disagree: the values on each side (with their sources) and the resolution."""

    __tablename__ = "conflicts"

    id: Mapped[int] = mapped_column(primary_key=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id", **CASCADE), index=True)
    position: Mapped[int] = mapped_column(Integer)
    what: Mapped[str] = mapped_column(Text)
    values: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    resolution: Mapped[Optional[str]] = mapped_column(Text)


class Source(Base):
    """Provenance of one fact: the document, the character span, the sentence.

    Exactly one owner column is set: a mention, a leg, a meeting, a trip event,
    or a trip (its announced plan).
    """

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    document: Mapped[str] = mapped_column(Text)                 # Document.name, as in Provenance
    document_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    sentence: Mapped[str] = mapped_column(Text)
    mention_id: Mapped[Optional[int]] = mapped_column(ForeignKey("event_mentions.id", **CASCADE), index=True)
    leg_id: Mapped[Optional[int]] = mapped_column(ForeignKey("legs.id", **CASCADE), index=True)
    meeting_id: Mapped[Optional[int]] = mapped_column(ForeignKey("meetings.id", **CASCADE), index=True)
    trip_event_id: Mapped[Optional[int]] = mapped_column(ForeignKey("trip_events.id", **CASCADE), index=True)
    trip_id: Mapped[Optional[int]] = mapped_column(ForeignKey("trips.id", **CASCADE), index=True)


class FileProblem(Base):
    """A problem of a file as last read (kind 'error': it could not be read or stored,
    or 'warning': stored, but with a problem).  Replaced whenever the file is read again,
    deleted with its documents; a rebuild that skips the unchanged file reports them again."""

    __tablename__ = "file_problems"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_file: Mapped[str] = mapped_column(Text, index=True)   # resolved path, as Document.source_file
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(Text)                       # error | warning
    problem: Mapped[str] = mapped_column(Text)


class BuildState(Base):
    """Small named values: the fingerprint the stored trips were assembled from.

    Its row 'trips' is also what SQLite writers lock while assembling trips.
    """

    __tablename__ = "build_state"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


__all__ = ["Base", "Document", "TimeExpression", "Person", "Place", "EventMention", "Counterpart",
           "ItineraryStop", "Trip", "Leg", "Meeting", "TripEvent", "Conflict", "Source", "FileProblem",
           "BuildState"]
