"""rules/payments"""
