import json


def generate(rng, size):
    """`size` running dev instances to stop with the default batch size (50)."""
    instances = [
        {
            "InstanceId": f"i-{n:04x}",
            "State": {"Code": 16, "Name": "running"},
            "Tags": [{"Key": "Env", "Value": "dev"}, {"Key": "Owner", "Value": rng.choice(["a", "b"])}],
        }
        for n in range(size)
    ]
    rng.shuffle(instances)
    describe = {"Reservations": [{"ReservationId": "r-1", "Instances": instances}]}
    return {
        "args": ["describe.json", "--tag", "Env=dev", "--action", "stop", "--require", "Owner"],
        "files": {"describe.json": json.dumps(describe)},
    }
