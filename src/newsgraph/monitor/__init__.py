"""Following news feeds, sitemaps and pages, and ingesting new articles as they appear.

``sources`` keeps what to poll and when; ``fetcher`` makes polite HTTP requests
(robots.txt, a per-host rate limit, retries, conditional requests);
``discover`` reads the links of a feed or sitemap; ``pages`` turns a fetched
page into a ``RawDocument``; ``ledger`` records every URL's outcome and the
archived HTML; ``watch`` runs the polls and feeds ``store.ingest``, and
``reextract`` reruns extraction over the archive. See docs/monitor.md.
"""
