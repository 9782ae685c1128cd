import graphene

from backend.money import format_rupiah


class Money(graphene.ObjectType):
    amount = graphene.BigInt(required=True, description="Whole rupiah.")
    formatted = graphene.String(required=True, description="For people: Rp12.500.")

    @staticmethod
    def of(amount):
        return None if amount is None else Money(amount=amount, formatted=format_rupiah(amount))
