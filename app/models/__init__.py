"""The store: typed SQLAlchemy models. No Qt, no pandas."""

from app.models.analytics import CustomerScore
from app.models.base import Base
from app.models.customers import (
    Customer,
    CustomerIdentity,
    CustomerList,
    CustomerListEntry,
    CustomerNote,
    CustomerTag,
    MergeSuggestion,
    Tag,
)
from app.models.imports import ColumnMapping, ImportBatch, ImportRejection, Setting
from app.models.marketing import (
    Campaign,
    CampaignMember,
    Coupon,
    CouponPlan,
    LayerMovement,
    Segment,
    SegmentSnapshot,
)
from app.models.membership import PointsEntry, StoredValueEntry, Tier, TierChange
from app.models.orders import ORDER_STATUSES, VALID_STATUSES, Order, OrderChange, OrderLine

__all__ = [
    "ORDER_STATUSES",
    "VALID_STATUSES",
    "Base",
    "Campaign",
    "CampaignMember",
    "ColumnMapping",
    "Coupon",
    "CouponPlan",
    "Customer",
    "CustomerIdentity",
    "CustomerList",
    "CustomerListEntry",
    "CustomerNote",
    "CustomerScore",
    "CustomerTag",
    "ImportBatch",
    "ImportRejection",
    "LayerMovement",
    "MergeSuggestion",
    "Order",
    "OrderChange",
    "OrderLine",
    "PointsEntry",
    "Segment",
    "SegmentSnapshot",
    "Setting",
    "StoredValueEntry",
    "Tag",
    "Tier",
    "TierChange",
]
