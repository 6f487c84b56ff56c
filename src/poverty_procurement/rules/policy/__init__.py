"""rules/policy"""
