import graphene

from backend.money import format_rupiah


class Money(graphene.ObjectType):
    amount = graphene.BigInt(required=True, description="Whole rupiah.")
    formatted = graphene.String(required=True, description="For people: Rp12.500.")

    @staticmethod
    def of(amount):
        return None if amount is None else Money(amount=amount, formatted=format_rupiah(amount))


def money_field(attribute: str, *, required: bool = True, **kwargs) -> graphene.Field:
    """A field showing an integer rupiah attribute of the object as Money."""
    return graphene.Field(Money, required=required,
                          resolver=lambda root, info: Money.of(getattr(root, attribute)),
                          **kwargs)
