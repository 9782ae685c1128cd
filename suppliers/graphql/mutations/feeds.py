"""Supplier feeds: upload, saved source (mapping, pull schedule, push token), pull now."""

import graphene
from django.db import transaction
from graphene.types.generic import GenericScalar

from backend.graphql.core.inputs import input_dict
from backend.graphql.core.mutations import ModelMutation
from backend.graphql.core.upload import Upload
from backend.uploads import SPREADSHEET_MAX_BYTES, upload_size_check

from ...models import SyncSource
from ...services import feeds, pull
from ...tasks import pull_supplier_feed
from ..types import (
    MANAGE,
    FeedFormatEnum,
    SupplierError,
    SupplierFeedSourceNode,
    SupplierNode,
    SupplierSyncNode,
)


def _stream(upload):
    return upload_size_check(upload, "file", SPREADSHEET_MAX_BYTES).file


class SupplierFeedUpload(ModelMutation):
    sync = graphene.Field(SupplierSyncNode, description="With its change report and row "
                                                        "errors.")
    node = SupplierNode

    class Arguments:
        id = graphene.ID(required=True, description="The supplier.")
        file = Upload(required=True, description=".csv, .xlsx or .json feed.")
        dry_run = graphene.Boolean(required=True, default_value=True)
        apply_valid_rows = graphene.Boolean(required=True, default_value=False, description=(
            "Apply the rows without problems even though other rows have some."))
        mapping = GenericScalar(description='Headers of this file, e.g. {"cost_per_pack": '
                                            '"Harga Karton"}; the saved mapping otherwise.')

    class Meta:
        description = "Check a supplier's feed and (unless dry run) apply it."
        error_type = SupplierError
        permission = MANAGE

    @classmethod
    def perform_mutation(cls, root, info, id, file, dry_run=True, apply_valid_rows=False,
                         mapping=None):
        supplier = cls.get_object(info, id)
        source = pull.feed_source_of(supplier)
        stream = _stream(file)
        rows = feeds.feed_rows(stream, feeds.format_of(file.name, source.format),
                               mapping if isinstance(mapping, dict) else source.column_mapping)
        sync = feeds.feed_sync(supplier, rows, source=SyncSource.UPLOAD,
                               actor=info.context.user, filename=file.name,
                               content_sha256=feeds.sha256_of(stream), dry_run=dry_run,
                               apply_valid_rows=apply_valid_rows)
        return cls(sync=sync, errors=[])


class SupplierFeedSourceInput(graphene.InputObjectType):
    format = FeedFormatEnum()
    column_mapping = GenericScalar(description='Our column -> their header: supplier_sku, '
                                               'name, barcode, pack_size, cost_per_pack, '
                                               'min_order_packs, available_quantity.')
    url = graphene.String(description="https:// address pulled on the schedule.")
    auth_header = graphene.String(description='For example "Authorization: Bearer abc". '
                                              "Stored encrypted, never shown again.")
    every_hours = graphene.Int()
    pull_enabled = graphene.Boolean()
    new_push_token = graphene.Boolean(description="Make a new secret token for the push "
                                                  "endpoint (the old one stops working).")


class SupplierFeedSourceUpdate(ModelMutation):
    source = graphene.Field(SupplierFeedSourceNode)
    push_token = graphene.String(description="Shown only now, when a new one was asked for.")
    push_url = graphene.String(description="Where the supplier POSTs its feed.")
    node = SupplierNode

    class Arguments:
        id = graphene.ID(required=True, description="The supplier.")
        input = SupplierFeedSourceInput(required=True)

    class Meta:
        description = "The saved column mapping, scheduled pull and push token of a feed."
        error_type = SupplierError
        permission = MANAGE

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        source, token = pull.feed_source_update(cls.get_object(info, id), input_dict(input))
        return cls(source=source, push_token=token or None,
                   push_url=info.context.build_absolute_uri("/suppliers/feed/push"),
                   errors=[])


class SupplierFeedPull(ModelMutation):
    queued = graphene.Boolean()
    node = SupplierNode

    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        description = "Pull the feed now instead of waiting for the schedule."
        error_type = SupplierError
        permission = MANAGE

    @classmethod
    def perform_mutation(cls, root, info, id):
        source = pull.feed_source_of(cls.get_object(info, id))
        if source.pk and source.url:
            transaction.on_commit(lambda: pull_supplier_feed.delay(source.pk))
        return cls(queued=bool(source.pk and source.url), errors=[])
