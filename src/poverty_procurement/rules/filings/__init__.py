"""rules/filings"""
