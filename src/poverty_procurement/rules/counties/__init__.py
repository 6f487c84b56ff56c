"""rules/counties"""
