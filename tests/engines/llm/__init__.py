"""Tests for the LLM engine (bot/engines/llm) against a local fake OpenAI server."""
