#!/usr/bin/env python3
"""Where a stream thread's time goes, from a JFR recording of `seqscore perf`.

    docs/tools/jfr-stream-shares.py RECORDING.jfr THREAD_PART [THREAD_PART ...]

RECORDING.jfr  a recording of perf's JVM, e.g. started with
               -XX:StartFlightRecording=filename=perf.jfr,settings=profile -XX:+UnlockDiagnosticVMOptions
               -XX:+DebugNonSafepoints (a finer sampling period: a copy of $JAVA_HOME/lib/jfr/profile.jfc with
               jdk.ExecutionSample's period set to 2 ms, given as settings=PATH)
THREAD_PART    a part of the stream threads' names; several joined by commas are counted together. perf names its
               applications ...-eos-s1-..., ...-eos-b1-baseline-... (exactly-once, pair 1, scorer and baseline).

For each THREAD_PART, the execution samples of the matching threads whose name ends in StreamThread-N, each
counted once in the first category (in the order below) that a frame of its stack matches. Needs `jfr` (the JDK's)
on the PATH.
"""
import collections
import json
import re
import subprocess
import sys

STREAM_THREAD = re.compile(r"StreamThread-\d+$")
CATEGORIES = [
    ("network step", "Network.step"),
    ("state decode", "KeyStateCodec.decode"),
    ("state encode", "KeyStateCodec.encode"),
    ("Score serialization", "AvroSerializer.serialize"),
    ("send (without serialization)", "RecordCollectorImpl.send"),
    ("store get", "MeteredKeyValueStore.get"),
    ("store put", "MeteredKeyValueStore.put"),
    ("event decode", "ScoringProcessor.validEvent"),
    ("event decode", "AvroDeserializer.deserialize"),
    ("anomaly detector", "Detector.update"),
    ("Score building", "ScoreBuilder."),
    ("routing, registry, evidence", "ModelRegistry."),
    ("routing, registry, evidence", "ModelRouter."),
    ("routing, registry, evidence", "EvidenceRecorder."),
    ("rest of the processor", "ScoringProcessor.process"),
    ("rest of the processor", "BaselineProcessor.process"),
    ("commits (cache flush, transactions)", "StreamThread.maybeCommit"),
    ("poll", "StreamThread.pollPhase"),
    ("other", ""),
]


def frames(event):
    trace = event["values"].get("stackTrace") or {"frames": []}
    return [f["method"]["type"]["name"].rsplit("/", 1)[-1] + "." + f["method"]["name"] for f in trace["frames"]]


def main(args):
    if len(args) < 2:
        sys.stderr.write(__doc__)
        return 2
    out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", "--stack-depth", "256",
                          args[0]], capture_output=True, text=True, check=True).stdout
    events = json.loads(out)["recording"]["events"]
    for group in args[1:]:
        parts = group.split(",")
        counts = collections.Counter()
        total = 0
        for e in events:
            thread = e["values"]["sampledThread"].get("javaName") or ""
            if not STREAM_THREAD.search(thread) or not any(p in thread for p in parts):
                continue
            total += 1
            names = frames(e)
            for category, marker in CATEGORIES:
                if marker == "" or any(marker in n for n in names):
                    counts[category] += 1
                    break
        print(f"{group}: {total} samples")
        seen = set()
        for category, _ in CATEGORIES:
            if category in counts and category not in seen:
                seen.add(category)
                print(f"  {category:40s} {counts[category]:6d}  {100.0 * counts[category] / max(total, 1):5.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
