"""initial schema: documents, mentions, trips, sources

Revision ID: 0001
Revises: 
Create Date: 2026-11-23

The first schema.  Later changes go in new revisions; never edit this one once shipped.
"""
from __future__ import annotations

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


revision: str = '0001'
down_revision: Union[str, None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('build_state',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_build_state'))
    )
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.Text(), nullable=False),
    sa.Column('source_file', sa.Text(), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('file_documents', sa.Integer(), nullable=False),
    sa.Column('extractor', sa.String(length=64), nullable=False),
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('outlet', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('published_time', sa.Text(), nullable=True),
    sa.Column('published_source', sa.Text(), nullable=True),
    sa.Column('dateline_place', sa.Text(), nullable=True),
    sa.Column('dateline_date', sa.Date(), nullable=True),
    sa.Column('dateline_start', sa.Integer(), nullable=True),
    sa.Column('dateline_end', sa.Integer(), nullable=True),
    sa.Column('body_start', sa.Integer(), nullable=False),
    sa.Column('text_length', sa.Integer(), nullable=False),
    sa.Column('problems', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('key', name=op.f('uq_documents_key'))
    )
    op.create_index(op.f('ix_documents_name'), 'documents', ['name'], unique=False)
    op.create_index(op.f('ix_documents_source_file'), 'documents', ['source_file'], unique=False)

    op.create_table('people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.Text(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('role', sa.Text(), nullable=True),
    sa.Column('country_iso2', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people')),
    sa.UniqueConstraint('key', name=op.f('uq_people_key'))
    )
    op.create_table('places',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.Text(), nullable=False),
    sa.Column('country', sa.Text(), nullable=True),
    sa.Column('iso2', sa.Text(), nullable=True),
    sa.Column('city', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_places')),
    sa.UniqueConstraint('key', name=op.f('uq_places_key'))
    )
    op.create_table('trips',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('traveler', sa.Text(), nullable=False),
    sa.Column('traveler_role', sa.Text(), nullable=True),
    sa.Column('announced', sa.Boolean(), nullable=False),
    sa.Column('announced_start', sa.Date(), nullable=True),
    sa.Column('announced_end', sa.Date(), nullable=True),
    sa.Column('announced_countries', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trips')),
    sa.UniqueConstraint('slug', name=op.f('uq_trips_slug'))
    )
    op.create_table('conflicts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trip_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('what', sa.Text(), nullable=False),
    sa.Column('values', sa.JSON(), nullable=False),
    sa.Column('resolution', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['trip_id'], ['trips.id'], name=op.f('fk_conflicts_trip_id_trips'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conflicts'))
    )
    op.create_index(op.f('ix_conflicts_trip_id'), 'conflicts', ['trip_id'], unique=False)

    op.create_table('event_mentions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('type', sa.Text(), nullable=False),
    sa.Column('trigger', sa.Text(), nullable=False),
    sa.Column('traveler_id', sa.Integer(), nullable=True),
    sa.Column('traveler_start', sa.Integer(), nullable=True),
    sa.Column('traveler_end', sa.Integer(), nullable=True),
    sa.Column('place_id', sa.Integer(), nullable=True),
    sa.Column('place_start', sa.Integer(), nullable=True),
    sa.Column('place_end', sa.Integer(), nullable=True),
    sa.Column('start', sa.Date(), nullable=True),
    sa.Column('end', sa.Date(), nullable=True),
    sa.Column('granularity', sa.Text(), nullable=True),
    sa.Column('date_inferred', sa.Boolean(), nullable=False),
    sa.Column('date_text', sa.Text(), nullable=True),
    sa.Column('date_value', sa.Text(), nullable=True),
    sa.Column('modality', sa.Text(), nullable=False),
    sa.Column('conflicts', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_event_mentions_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_event_mentions_place_id_places')),
    sa.ForeignKeyConstraint(['traveler_id'], ['people.id'], name=op.f('fk_event_mentions_traveler_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_mentions'))
    )
    op.create_index(op.f('ix_event_mentions_document_id'), 'event_mentions', ['document_id'], unique=False)
    op.create_index(op.f('ix_event_mentions_place_id'), 'event_mentions', ['place_id'], unique=False)
    op.create_index(op.f('ix_event_mentions_traveler_id'), 'event_mentions', ['traveler_id'], unique=False)

    op.create_table('legs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trip_id', sa.Integer(), nullable=False),
    sa.Column('order', sa.Integer(), nullable=False),
    sa.Column('country', sa.Text(), nullable=False),
    sa.Column('iso2', sa.Text(), nullable=True),
    sa.Column('city', sa.Text(), nullable=True),
    sa.Column('start', sa.Date(), nullable=True),
    sa.Column('end', sa.Date(), nullable=True),
    sa.Column('status', sa.Text(), nullable=False),
    sa.Column('start_inferred', sa.Boolean(), nullable=False),
    sa.Column('end_inferred', sa.Boolean(), nullable=False),
    sa.Column('planned_start', sa.Date(), nullable=True),
    sa.Column('planned_end', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['trip_id'], ['trips.id'], name=op.f('fk_legs_trip_id_trips'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_legs'))
    )
    op.create_index(op.f('ix_legs_trip_id'), 'legs', ['trip_id'], unique=False)

    op.create_table('meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trip_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('with_name', sa.Text(), nullable=False),
    sa.Column('with_role', sa.Text(), nullable=True),
    sa.Column('place', sa.Text(), nullable=True),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('date_inferred', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['trip_id'], ['trips.id'], name=op.f('fk_meetings_trip_id_trips'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings'))
    )
    op.create_index(op.f('ix_meetings_trip_id'), 'meetings', ['trip_id'], unique=False)

    op.create_table('time_expressions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('type', sa.Text(), nullable=True),
    sa.Column('value', sa.Text(), nullable=True),
    sa.Column('mod', sa.Text(), nullable=True),
    sa.Column('first', sa.Date(), nullable=True),
    sa.Column('last', sa.Date(), nullable=True),
    sa.Column('granularity', sa.Text(), nullable=True),
    sa.Column('inferred', sa.Boolean(), nullable=False),
    sa.Column('conflict', sa.Text(), nullable=True),
    sa.Column('part_of_day', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_time_expressions_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_time_expressions'))
    )
    op.create_index(op.f('ix_time_expressions_document_id'), 'time_expressions', ['document_id'], unique=False)

    op.create_table('trip_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trip_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('end', sa.Date(), nullable=True),
    sa.Column('type', sa.Text(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('place', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['trip_id'], ['trips.id'], name=op.f('fk_trip_events_trip_id_trips'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trip_events'))
    )
    op.create_index(op.f('ix_trip_events_trip_id'), 'trip_events', ['trip_id'], unique=False)

    op.create_table('mention_counterparts',
    sa.Column('mention_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=True),
    sa.Column('span_end', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['mention_id'], ['event_mentions.id'], name=op.f('fk_mention_counterparts_mention_id_event_mentions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_mention_counterparts_person_id_people')),
    sa.PrimaryKeyConstraint('mention_id', 'position', name=op.f('pk_mention_counterparts'))
    )
    op.create_index(op.f('ix_mention_counterparts_person_id'), 'mention_counterparts', ['person_id'], unique=False)

    op.create_table('mention_itinerary',
    sa.Column('mention_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=True),
    sa.Column('span_end', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['mention_id'], ['event_mentions.id'], name=op.f('fk_mention_itinerary_mention_id_event_mentions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_mention_itinerary_place_id_places')),
    sa.PrimaryKeyConstraint('mention_id', 'position', name=op.f('pk_mention_itinerary'))
    )
    op.create_index(op.f('ix_mention_itinerary_place_id'), 'mention_itinerary', ['place_id'], unique=False)

    op.create_table('sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('document', sa.Text(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('sentence', sa.Text(), nullable=False),
    sa.Column('mention_id', sa.Integer(), nullable=True),
    sa.Column('leg_id', sa.Integer(), nullable=True),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('trip_event_id', sa.Integer(), nullable=True),
    sa.Column('trip_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_sources_document_id_documents'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['leg_id'], ['legs.id'], name=op.f('fk_sources_leg_id_legs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_sources_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['mention_id'], ['event_mentions.id'], name=op.f('fk_sources_mention_id_event_mentions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['trip_event_id'], ['trip_events.id'], name=op.f('fk_sources_trip_event_id_trip_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['trip_id'], ['trips.id'], name=op.f('fk_sources_trip_id_trips'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources'))
    )
    op.create_index(op.f('ix_sources_document_id'), 'sources', ['document_id'], unique=False)
    op.create_index(op.f('ix_sources_leg_id'), 'sources', ['leg_id'], unique=False)
    op.create_index(op.f('ix_sources_meeting_id'), 'sources', ['meeting_id'], unique=False)
    op.create_index(op.f('ix_sources_mention_id'), 'sources', ['mention_id'], unique=False)
    op.create_index(op.f('ix_sources_trip_event_id'), 'sources', ['trip_event_id'], unique=False)
    op.create_index(op.f('ix_sources_trip_id'), 'sources', ['trip_id'], unique=False)



def downgrade() -> None:
    op.drop_index(op.f('ix_sources_trip_id'), table_name='sources')
    op.drop_index(op.f('ix_sources_trip_event_id'), table_name='sources')
    op.drop_index(op.f('ix_sources_mention_id'), table_name='sources')
    op.drop_index(op.f('ix_sources_meeting_id'), table_name='sources')
    op.drop_index(op.f('ix_sources_leg_id'), table_name='sources')
    op.drop_index(op.f('ix_sources_document_id'), table_name='sources')

    op.drop_table('sources')
    op.drop_index(op.f('ix_mention_itinerary_place_id'), table_name='mention_itinerary')

    op.drop_table('mention_itinerary')
    op.drop_index(op.f('ix_mention_counterparts_person_id'), table_name='mention_counterparts')

    op.drop_table('mention_counterparts')
    op.drop_index(op.f('ix_trip_events_trip_id'), table_name='trip_events')

    op.drop_table('trip_events')
    op.drop_index(op.f('ix_time_expressions_document_id'), table_name='time_expressions')

    op.drop_table('time_expressions')
    op.drop_index(op.f('ix_meetings_trip_id'), table_name='meetings')

    op.drop_table('meetings')
    op.drop_index(op.f('ix_legs_trip_id'), table_name='legs')

    op.drop_table('legs')
    op.drop_index(op.f('ix_event_mentions_traveler_id'), table_name='event_mentions')
    op.drop_index(op.f('ix_event_mentions_place_id'), table_name='event_mentions')
    op.drop_index(op.f('ix_event_mentions_document_id'), table_name='event_mentions')

    op.drop_table('event_mentions')
    op.drop_index(op.f('ix_conflicts_trip_id'), table_name='conflicts')

    op.drop_table('conflicts')
    op.drop_table('trips')
    op.drop_table('places')
    op.drop_table('people')
    op.drop_index(op.f('ix_documents_source_file'), table_name='documents')
    op.drop_index(op.f('ix_documents_name'), table_name='documents')

    op.drop_table('documents')
    op.drop_table('build_state')
