"""What botocore's own serializer makes of one input per operation.

For every operation of a botocore service model, this builds two inputs
(every member set, and only the required ones) from fixed, reproducible
values, serializes each with botocore's rest-json serializer, and writes
one JSON object per line: the operation, the case, the input as botocore
takes it (timestamps as epoch seconds), and the request botocore built
(method, path, query, headers, body, host prefix).

The Rust side (`xtask/tests/wire_oracle.rs`) builds the same inputs with the
generated fluent builders and compares its requests with these. The
script is run by `.ci/run` with the pinned botocore, to check that the
committed output is what botocore says; `cargo test` reads the committed
output and needs no Python.

With `--responses`, it writes instead, per operation, a response body with
every output member set (written by botocore's serializer, each timestamp
in its format) and what botocore's parser reads from it, written back the
same way: the body a reader that keeps every value must write again.

Usage: python3 botocore_requests.py [--responses] SERVICE-2.JSON > OUT.jsonl
"""

import datetime
import json
import sys
import urllib.parse

import botocore
import botocore.model
import botocore.parsers
import botocore.serialize

# The botocore the committed output was made with.
BOTOCORE_VERSION = "1.37.1"

# A fixed instant, whole seconds: epoch seconds in bodies are then integers
# on both sides.
INSTANT = 1515531081


def value(shape, name, required_only, depth):
    """A reproducible value for `shape`, reached as member `name`."""
    kind = shape.type_name
    if kind == "structure":
        return structure(shape, required_only, depth + 1)
    if kind == "list":
        item = value(shape.member, name, required_only, depth + 1)
        return [item] if required_only else [item, item]
    if kind == "map":
        return {"key-1": value(shape.value, name, required_only, depth + 1)}
    if kind == "string":
        if shape.enum:
            return shape.enum[-1]
        # Characters that labels, queries and bodies encode differently.
        return f"{name} v/1+2 é:x"
    if kind in ("integer", "long"):
        return 7
    if kind == "boolean":
        return True
    if kind == "timestamp":
        return datetime.datetime.fromtimestamp(INSTANT, tz=datetime.timezone.utc)
    raise ValueError(f"no value for a {kind} ({shape.name})")


def structure(shape, required_only, depth):
    if depth > 8:
        raise ValueError(f"{shape.name} nests too deep")
    required = set(shape.required_members)
    return {
        name: value(member, name, required_only, depth)
        for name, member in shape.members.items()
        if not required_only or name in required
    }


def plain(params):
    """`params` as JSON: timestamps as epoch seconds."""
    if isinstance(params, dict):
        return {k: plain(v) for k, v in params.items()}
    if isinstance(params, list):
        return [plain(v) for v in params]
    if isinstance(params, datetime.datetime):
        return {"$timestamp": int(params.timestamp())}
    return params


def text(item):
    """A query value as the wire has it."""
    if isinstance(item, bool):
        return "true" if item else "false"
    return str(item)


def responses(model, serializer):
    parser = botocore.parsers.create_parser(model.metadata["protocol"])
    for name in sorted(model.operation_names):
        shape = model.operation_model(name).output_shape
        if shape is None:
            body, expected = "", None
        else:
            body = serializer._serialize_body_params(structure(shape, False, 0), shape)
            parsed = parser.parse({"body": body, "headers": {}, "status_code": 200}, shape)
            body = body.decode("utf-8")
            parsed.pop("ResponseMetadata", None)
            expected = json.loads(serializer._serialize_body_params(parsed, shape))
        line = {"operation": name, "body": body, "expected": expected}
        print(json.dumps(line, ensure_ascii=False, sort_keys=True))


def main():
    if botocore.__version__ != BOTOCORE_VERSION:
        sys.exit(f"botocore {BOTOCORE_VERSION} is needed, not {botocore.__version__}")
    args = sys.argv[1:]
    with open(args[-1], encoding="utf-8") as f:
        model = botocore.model.ServiceModel(json.load(f))
    # Constraints are not the wire: the values need not meet them.
    serializer = botocore.serialize.create_serializer(
        model.metadata["protocol"], include_validation=False
    )
    if args[0] == "--responses":
        return responses(model, serializer)
    for name in sorted(model.operation_names):
        operation = model.operation_model(name)
        for case, required_only in (("all", False), ("required", True)):
            shape = operation.input_shape
            params = structure(shape, required_only, 0) if shape is not None else {}
            request = serializer.serialize_to_request(params, operation)
            body = request["body"]
            if isinstance(body, bytes):
                body = body.decode("utf-8")
            # The URI's literal query stays in botocore's path; as pairs, it
            # comes first, then the members' parameters, all as text.
            path, _, literal = request["url_path"].partition("?")
            query = [list(pair) for pair in urllib.parse.parse_qsl(literal, keep_blank_values=True)]
            members = request["query_string"] or {}
            for key, values in members.items():
                for item in values if isinstance(values, list) else [values]:
                    query.append([key, text(item)])
            line = {
                "operation": name,
                "case": case,
                "params": plain(params),
                "method": request["method"],
                "path": path,
                "query": query,
                "headers": {k.lower(): v for k, v in request["headers"].items()},
                "body": json.loads(body) if body else None,
                "host_prefix": (operation.endpoint or {}).get("hostPrefix"),
            }
            print(json.dumps(line, ensure_ascii=False, sort_keys=True))


if __name__ == "__main__":
    main()
