"""The cooperative's search synonyms: words that mean the same to shoppers."""

import graphene

from backend.accounts.permissions import Permission
from backend.graphql.core.mutations import BaseMutation, ModelMutation

from ...services import search as services
from ..search import SearchSynonymNode
from ..types import CatalogError


class SearchSynonymCreate(BaseMutation):
    synonym = graphene.Field(SearchSynonymNode)

    class Arguments:
        cooperative = graphene.String()
        terms = graphene.List(graphene.NonNull(graphene.String), required=True)

    class Meta:
        description = "Words that mean the same to shoppers: a search for one finds all."
        error_type = CatalogError
        permission = Permission.MANAGE_CATALOG

    @classmethod
    def perform_mutation(cls, root, info, terms, cooperative=None):
        synonym = services.search_synonym_create(
            cls.get_cooperative(info, cooperative=cooperative), terms)
        return cls(synonym=synonym, errors=[])


class _SynonymMutation(ModelMutation):
    node = SearchSynonymNode

    class Meta:
        abstract = True


class SearchSynonymUpdate(_SynonymMutation):
    synonym = graphene.Field(SearchSynonymNode)

    class Arguments:
        id = graphene.ID(required=True)
        terms = graphene.List(graphene.NonNull(graphene.String), required=True)

    class Meta:
        error_type = CatalogError
        permission = Permission.MANAGE_CATALOG

    @classmethod
    def perform_mutation(cls, root, info, id, terms):
        synonym = services.search_synonym_update(cls.get_object(info, id), terms)
        return cls(synonym=synonym, errors=[])


class SearchSynonymDelete(_SynonymMutation):
    deleted_id = graphene.ID()

    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        error_type = CatalogError
        permission = Permission.MANAGE_CATALOG

    @classmethod
    def perform_mutation(cls, root, info, id):
        services.search_synonym_delete(cls.get_object(info, id))
        return cls(deleted_id=id, errors=[])
