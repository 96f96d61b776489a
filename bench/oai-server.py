#!/usr/bin/env python3
"""Plays arXiv's OAI-PMH endpoint for benchmarks, from the shared 2016 cs harvest.

Serves ListRecords for set cs: the records whose datestamp lies in [from, until], in datestamp
order, 1,000 to a page chained by resumption tokens, as arXiv does. Usage:
  bench/oai-server.py ../shared/data/arxiv_oai_cs_2016-03-09 PORT
"""
import glob, gzip, http.server, re, sys, urllib.parse

RECORD = re.compile(r"<record>.*?</record>", re.S)
STAMP = re.compile(r"<datestamp>(.*?)</datestamp>")
records = []
for f in sorted(glob.glob(sys.argv[1] + "/ListRecords_p*.xml.gz")):
    for rec in RECORD.findall(gzip.open(f, "rt", encoding="utf-8").read()):
        records.append((STAMP.search(rec).group(1), rec))
records.sort(key=lambda r: r[0])
PAGE = 1000
HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
        "<responseDate>2016-03-09T00:35:38Z</responseDate><request>local</request><ListRecords>")


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        q = dict(urllib.parse.parse_qsl(urllib.parse.urlparse(self.path).query))
        if "resumptionToken" in q:
            lo, hi, start = q["resumptionToken"].split("|")
            start = int(start)
        else:
            lo, hi, start = q.get("from", "0000"), q.get("until", "9999"), 0
        chosen = [r for s, r in records if lo <= s[:10] <= hi]
        page = chosen[start : start + PAGE]
        more = start + PAGE < len(chosen)
        token = f"{lo}|{hi}|{start + PAGE}" if more else ""
        body = (HEAD + "".join(page)
                + f'<resumptionToken cursor="{start}" completeListSize="{len(chosen)}">{token}'
                + "</resumptionToken></ListRecords></OAI-PMH>").encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


print(f"{len(records)} records loaded", flush=True)
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])), Handler).serve_forever()
