"""Customer analytics (metrics.md): RFM, lifecycle layers, AIPL, KPIs, cohorts, products, predicted value,
the segment builder and the snapshots taken after every import. No Qt here.
"""
