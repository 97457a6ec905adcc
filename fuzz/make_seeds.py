#!/usr/bin/env python3
"""Writes the seed corpora under fuzz/corpus/<target>/ (run from anywhere; rerun after editing).

Seeds are small, realistic inputs the fuzzer starts from: requests, configurations and bodies
with the personal data and secrets the engine is meant to find. The compressed seeds are made
here with fixed timestamps so that the committed bytes are reproducible.
"""

import gzip
import io
import json
import pathlib
import zlib

FUZZ = pathlib.Path(__file__).resolve().parent
REPO = FUZZ.parent
CORPUS = FUZZ / "corpus"


def crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode()


def request(head: str, body: bytes = b"", eol: str = "\r\n") -> bytes:
    head = head.strip("\n").replace("\n", eol) + eol
    if body:
        head += f"Content-Length: {len(body)}{eol}"
    return (head + eol).encode() + body


def chunked(head: str, chunks) -> bytes:
    out = crlf(head + "\nTransfer-Encoding: chunked\n\n")
    for i, chunk in enumerate(chunks):
        out += f"{len(chunk):x}{';ext=1' if i == 0 else ''}\r\n".encode() + chunk + b"\r\n"
    return out + b"0\r\ntrailer-field: x\r\n\r\n"


SIGNUP = {
    "name": "Jane Doe",
    "email": "jane.doe@example.com",
    "phone": "+1 415 555 0132",
    "password": "hunter2!Secret",
    "pin_code": "4821",
    "nickname": "jd",
    "card": {"number": "4111 1111 1111 1111", "expiry": "09/28", "cvc": "123"},
    "address": {"street": "1 Market St", "city": "San Francisco", "zip": "94105"},
    "ip": "198.51.100.7",
    "marketingOptIn": True,
    "plan": "pro",
}

JSON_DOCS = {
    "signup.json": json.dumps(SIGNUP, indent=2),
    "compact.json": json.dumps(SIGNUP, separators=(",", ":")),
    "array.json": json.dumps(
        [
            {"id": 1, "email": "a@example.org", "ssn": "123-45-6789", "score": -1.5e3},
            {"id": 2, "email": None, "tags": ["ORD-123456", "tok_ABCDEFGH12"], "ok": False},
        ]
    ),
    "escapes.json": '{"note":"line\\nbreak \\"quoted\\" \\u00e9t\\u00e9 \\ud83d\\ude00",'
    '"path":"C:\\\\Users\\\\jane","email":"jane\\u0040example.com"}',
    "nested.json": json.dumps(
        {"user": {"profile": {"contact": {"email": "deep@example.net", "phones": ["+44 20 7946 0958"]}}},
         "meta": {"token": "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB", "iban": "DE89370400440532013000"}}
    ),
    "scalars.json": '"M1234567 and T-4321 and ACC12345678"',
    "empty.json": "{}",
    "numbers.json": '[0, -0, 1e400, 12345678901234567890, 0.1, 4111111111111111]',
    "secrets.json": json.dumps(
        {"authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2lnbmF0dXJl",
         "aws": "AKIAIOSFODNN7EXAMPLE", "api_key": "sk_live_51H8xyzABCDEFGHIJKLMNOP",
         "pin_code": 1234, "password": {"nested": "object as a secret"}}
    ),
    "whitespace.json": ' \n\t{ "email" : "x@example.com" , "pin_code" : [ "1" , "2" ] }\n',
}

FORMS = {
    "signup.form": "name=Jane+Doe&email=jane.doe%40example.com&password=hunter2%21Secret&pin_code=4821&plan=pro",
    "repeated.form": "tag=a&tag=b&email=a%40example.org&email=b%40example.org&nickname=jd",
    "bare.form": "flag&empty=&=value&&a=1=2",
    "utf8.form": "city=S%C3%A3o+Paulo&note=caf%C3%A9+M1234567&token=tok_ABCDEFGH12",
    "card.form": "card=4111-1111-1111-1111&ssn=123-45-6789&ip=198.51.100.7&order=ORD-123456",
    "broken.form": "a=%zz&b=%e9&c=%&d=100%25",
    "long.form": "&".join(f"field{i}=value+{i}%40example.com" for i in range(40)),
}


def multipart(parts, preamble="", epilogue="", eol="\r\n") -> bytes:
    out = preamble
    for headers, body in parts:
        out += f"--XYZ{eol}" + "".join(h + eol for h in headers) + eol + body + eol
    out += f"--XYZ--{eol}" + epilogue
    return out.encode()


MULTIPART = {
    "fields.multipart": multipart(
        [
            (['Content-Disposition: form-data; name="email"'], "jane.doe@example.com"),
            (['Content-Disposition: form-data; name="password"'], "hunter2!Secret"),
            (['Content-Disposition: form-data; name="comment"'], "call me at +1 415 555 0132"),
        ]
    ),
    "files.multipart": multipart(
        [
            (['Content-Disposition: form-data; name="title"'], "report"),
            (['Content-Disposition: form-data; name="doc"; filename="notes.txt"', "Content-Type: text/plain"],
             "owner: jane.doe@example.com\nssn 123-45-6789\n"),
            (['Content-Disposition: form-data; name="scan"; filename="scan.bin"',
              "Content-Type: application/octet-stream"], "\x00\x01\x02PK\x03\x04binary"),
        ]
    ),
    "json_part.multipart": multipart(
        [
            (['Content-Disposition: form-data; name="meta"', "Content-Type: application/json"],
             json.dumps({"email": "a@example.org", "pin_code": "1234"})),
            (['Content-Disposition: form-data; name="nickname"'], "jd"),
        ],
        preamble="This is the preamble.\r\n",
        epilogue="This is the epilogue.\r\n",
    ),
    "lf.multipart": multipart(
        [(['content-disposition: form-data; name="email"'], "lf@example.com")], eol="\n"
    ),
    "empty.multipart": b"--XYZ--\r\n",
    "quoted.multipart": multipart(
        [
            (['Content-Disposition: form-data; name="we\\"ird"; filename="a;b.txt"',
              "Content-Type: text/plain; charset=utf-8"], "ORD-123456 tok_ABCDEFGH12"),
        ]
    ),
}

TEXT = (
    "Dear support,\nmy email is jane.doe@example.com and my card 4111 1111 1111 1111 was charged twice.\n"
    "Order ORD-123456, member M1234567, ticket T-4321, account ACC12345678.\n"
    "Call +1 415 555 0132 or reach 198.51.100.7. token=tok_ABCDEFGH12\n"
)


def gzip_bytes(data: bytes, filename: str = "") -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename=filename, mode="wb", fileobj=buf, mtime=0) as f:
        f.write(data)
    return buf.getvalue()


def raw_deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


DECOMPRESS = {
    "text.gz": gzip_bytes(TEXT.encode()),
    "text.zlib": zlib.compress(TEXT.encode(), 9),
    "text.deflate": raw_deflate(TEXT.encode()),
    "named.gz": gzip_bytes(b"name=Jane email=jane@example.com\n", filename="notes.txt"),
    "empty.gz": gzip_bytes(b""),
    "empty.zlib": zlib.compress(b""),
    "members.gz": gzip_bytes(b"first member jane@example.com\n") + gzip_bytes(b"second member ORD-123456\n"),
    "trailing.gz": gzip_bytes(b"clean text\n") + b"garbage",
    "ratio.gz": gzip_bytes(b"a" * 8192),
    "ratio.zlib": zlib.compress(b"ORD-123456 " * 800, 9),
    "stored.zlib": zlib.compress(b"stored block, no compression", 0),
    "latin1.gz": gzip_bytes("caf\u00e9 na\u00efve".encode("latin-1")),
}

CONFIGS = {
    "empty.json": "",
    "object.json": "{}",
    "full.json": json.dumps(
        {
            "version": 1,
            "scope": "mirrored",
            "recognize": {"shadowSuffix": True, "markerHeader": "x-shadow"},
            "headers": {
                "remove": ["cookie", "authorization"],
                "rename": {"x-user": "x-original-user"},
                "set": {"authorization": {"fromEnv": "STAGING_TOKEN", "prefix": "Bearer "}, "x-env": "staging"},
                "append": {"x-mirrored-by": "mirrorguard"},
            },
            "authority": {"mode": "literal", "host": "staging.example.com:8443"},
            "tag": {"enabled": True, "header": "x-mirrorguard-shadow", "source": "eu-west-1",
                    "baggage": True, "freshTrace": True},
            "redaction": {
                "enabled": True,
                "key": {"fromEnv": "PSEUDONYM_KEY"},
                "detectors": {"email": {"operator": {"type": "pseudonymize"}},
                              "creditCard": {"operator": {"type": "partial", "keep": 4}},
                              "phone": {"enabled": False}},
                "fields": {"enabled": True, "personal": ["nickname"], "secret": ["pin_code"],
                           "ignore": ["name"], "personalOperator": {"type": "hash"},
                           "secretOperator": {"type": "mask", "label": "[SECRET]"}},
                "custom": [{"name": "order_id", "pattern": "ORD-[0-9]{6}", "operator": {"type": "remove"}}],
                "parts": {"path": True, "query": True, "headers": True, "cookies": False, "body": True},
                "skipHeaders": ["x-trace-debug"],
                "body": {"maxBytes": 65536, "maxDecompressedBytes": 262144, "compressed": "reencode",
                         "multipartFiles": "scan", "passContentTypes": ["application/grpc"]},
            },
        },
        indent=2,
    ),
    "strip_suffix.json": json.dumps({"authority": {"mode": "stripShadowSuffix"}, "tag": {"enabled": False}}),
    "redaction_off.json": json.dumps({"redaction": {"enabled": False}, "scope": "all"}),
    "literal_key.json": json.dumps({"redaction": {"key": "0123456789abcdef-literal", "fields": {"enabled": False}}}),
    "custom_only.json": json.dumps(
        {"redaction": {"custom": [{"name": "member", "pattern": "M[0-9]{7}", "operator": {"type": "pseudonymize"}},
                                  {"name": "ticket", "pattern": "(?i)t-\\d{4}"}]}}
    ),
    "bad_type.json": '{"tag":{"source":"eu-west-1","enabled":"yes-please"}}',
    "bad_field.json": '{"headers":{"remvoe":["cookie"]}}',
    "bad_regex.json": '{"redaction":{"custom":[{"name":"broken","pattern":"(unclosed[group"}]}}',
    "bad_header.json": '{"headers":{"set":{"bad header":"value with spaces"}}}',
    "short_key.json": '{"redaction":{"key":"too-short"}}',
    "trailing.json": '{} {"version":1}',
}

DIRECT = ["search.http", "signup.http", "upload.http"]

REQUESTS = {
    "absolute.http": request("GET https://api.example.com/v1/users?email=jane%40example.com HTTP/1.1\nHost: ignored.example"),
    "chunked.http": chunked(
        "POST /events HTTP/1.1\nHost: ingest.example.com-shadow\nContent-Type: application/json",
        [b'{"email":"a@example.org",', b'"pin_code":"12"}'],
    ),
    "options.http": request("OPTIONS * HTTP/1.1\nHost: api.example.com"),
    "http10.http": request("GET /legacy?ssn=123-45-6789 HTTP/1.0\nUser-Agent: old"),
    "lf_only.http": request("GET /a/jane.doe@example.com/b HTTP/1.1\nHost: h.example\nX-Note: ORD-123456", eol="\n"),
    "form.http": request(
        "POST /login HTTP/1.1\nHost: shop.example.com-shadow\nContent-Type: application/x-www-form-urlencoded\n"
        "Authorization: Basic amFuZTpodW50ZXIy\nCookie: sid=abc123; email=jane%40example.com",
        FORMS["signup.form"].encode(),
    ),
    "multipart.http": request(
        "POST /upload HTTP/1.1\nHost: files.example.com\nContent-Type: multipart/form-data; boundary=XYZ",
        MULTIPART["files.multipart"],
    ),
    "gzip.http": request(
        "POST /api/notes HTTP/1.1\nHost: notes.example.com\nContent-Type: text/plain\nContent-Encoding: gzip",
        DECOMPRESS["text.gz"],
    ),
    "tagged.http": request(
        "GET /track HTTP/1.1\nHost: api.example.com-shadow\nx-mirrorguard-shadow: forged\n"
        "baggage: mirrorguard-shadow=forged,userId=jane\n"
        "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\nX-Request-Id: 1234"
    ),
    "xml.http": request(
        "PUT /profile HTTP/1.1\nHost: api.example.com\nContent-Type: application/xml",
        b"<user><email>jane@example.com</email><pin_code>1234</pin_code></user>",
    ),
    "unsupported.http": request(
        "POST /bin HTTP/1.1\nHost: api.example.com\nContent-Type: application/octet-stream\nContent-Encoding: br",
        b"\x0b\x02\x80hello\x03",
    ),
}


def write(target: str, name: str, data) -> None:
    path = CORPUS / target / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())


def main() -> None:
    for name in DIRECT:
        raw = (REPO / "examples" / "requests" / name).read_bytes()
        write("http1_parse", name, raw)
        write("request", name, raw)
    for name, raw in REQUESTS.items():
        write("http1_parse", name, raw)
        write("request", name, raw)
    for name, doc in JSON_DOCS.items():
        write("json_body", name, doc)
    for name, form in FORMS.items():
        write("form_body", name, form)
    for name, body in MULTIPART.items():
        write("multipart_body", name, body)
    for name, blob in DECOMPRESS.items():
        write("decompress", name, blob)
    for name, cfg in CONFIGS.items():
        write("config", name, cfg)
    total = sum(p.stat().st_size for p in CORPUS.rglob("*") if p.is_file())
    print(f"wrote seeds: {total} bytes in {CORPUS}")


if __name__ == "__main__":
    main()
