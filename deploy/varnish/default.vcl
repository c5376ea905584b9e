# Varnish in front of the app instances: the same file for `make stack` (scripts/stack) and
# docker-compose.yml. What differs between places (the app instances' addresses, who may purge,
# where the offline page is) lives in site.vcl, included below and found on vcl_path:
# deploy/varnish/compose-site.vcl for docker-compose, a file scripts/stack writes for the stack.
#
# - Anonymous GETs and HEADs are cached for as long as the app's Cache-Control allows
#   (s-maxage, set by delivery/cdn.py); nothing without it. Never the admin, POSTs, requests with
#   the session cookie or Authorization, or responses that set a cookie.
# - PURGE (one address; soft, so the old copy can still be served if every instance goes down)
#   and BAN (a whole council's site, by host name) only from the `purgers` ACL.
# - Grace: for 24 hours, cached pages are served stale while no app instance is healthy. A page
#   that is not cached gets the site's 503 page, with the 999 notice.
vcl 4.1;

import std;
import directors;
import purge;

include "site.vcl";

sub vcl_recv {
    set req.backend_hint = app.backend();

    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.restarts == 0) {
            unset req.http.X-Brotli;  # set on the way round for the Brotli copy only
        }
        return (hash);
    }
    if (req.method == "BAN") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # A whole site: the host named in X-Ban-Host, or else the request's own Host.
        if (!req.http.X-Ban-Host) {
            set req.http.X-Ban-Host = req.http.host;
        }
        set req.http.X-Ban-Host = regsub(std.tolower(req.http.X-Ban-Host), ":[0-9]+$", "");
        if (req.http.X-Ban-Host !~ "^[a-z0-9.-]+$") {
            return (synth(400, "Bad host name"));
        }
        ban("obj.http.X-Site-Host == " + req.http.X-Ban-Host);
        return (synth(200, "Banned"));
    }

    # Served stale for up to 24 hours (beresp.grace) only while no app instance is healthy;
    # otherwise an expired or purged page is fetched again before anyone sees it.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 0s;
    }

    # Tracking parameters change nothing on a page: drop them, so the address is cacheable.
    if (req.url ~ "[?&](utm_[a-z]+|gclid|dclid|gbraid|wbraid|fbclid|msclkid|mc_cid|mc_eid|_ga|_gl|yclid|igshid)=") {
        set req.url = regsuball(req.url, "(utm_[a-z]+|gclid|dclid|gbraid|wbraid|fbclid|msclkid|mc_cid|mc_eid|_ga|_gl|yclid|igshid)=[^&]*&?", "");
        set req.url = regsub(req.url, "[?&]+$", "");
        set req.url = regsub(req.url, "\?&+", "?");
    }

    # Two copies of each page: Brotli for the browsers that take it, and gzip for the others
    # (Varnish unzips it for a client that takes neither). Varnish matches gzip itself and
    # asks the app for gzip only, whatever the app's Vary says, so the Brotli copy has its own
    # hash (vcl_hash) and vcl_backend_fetch asks the app for Brotli.
    unset req.http.X-Brotli;
    if (req.http.Accept-Encoding ~ "(^|,)\s*br\s*(,|$)") {
        set req.http.Accept-Encoding = "br";
        set req.http.X-Brotli = "1";
    } elsif (req.http.Accept-Encoding ~ "(^|,)\s*gzip") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|health)/" ||
        req.http.Authorization ||
        req.http.Cookie ~ "(^|;)\s*(__Host-)?sessionid=") {
        return (pass);
    }
    # Other cookies (the form's CSRF token) stay: the app varies its answer on them when they
    # matter, and Varnish honours Vary.
    return (hash);
}

sub vcl_hash {
    # The same page whichever port the request named, so a PURGE from the app always finds it.
    hash_data(req.url);
    hash_data(regsub(req.http.host, ":[0-9]+$", ""));
    if (req.http.X-Brotli) {
        hash_data("br");
    }
    return (lookup);
}

sub vcl_hit {
    if (req.method == "PURGE") {
        call purge_both_copies;
    }
}

sub vcl_miss {
    if (req.method == "PURGE") {
        call purge_both_copies;
    }
}

# A PURGE drops the gzip copy, then comes round again for the Brotli one.
sub purge_both_copies {
    purge.soft(0s);
    if (!req.http.X-Brotli) {
        set req.http.X-Brotli = "1";
        return (restart);
    }
    return (synth(200, "Purged"));
}

sub vcl_backend_fetch {
    if (bereq.http.X-Brotli) {
        set bereq.http.Accept-Encoding = "br";
    }
    unset bereq.http.X-Brotli;
}

sub vcl_backend_response {
    # Kept on the stored copy so a BAN can find every page of one host (and stripped on delivery).
    set beresp.http.X-Site-Host = regsub(std.tolower(bereq.http.host), ":[0-9]+$", "");

    if (bereq.is_bgfetch && beresp.status >= 500) {
        # The app answered but is failing: keep serving the stale copy.
        return (abandon);
    }
    if (!beresp.http.Cache-Control) {
        # The app did not say this may be shared (redirects, 404s, query strings): pass.
        set beresp.ttl = 0s;
    }
    if (beresp.http.Content-Type ~ "^(text/|application/(json|xml|rss\+xml|atom\+xml|javascript)|image/svg)" &&
        !beresp.http.Content-Encoding) {
        set beresp.do_gzip = true;
    }
    set beresp.grace = 24h;
    # Then Varnish's own rules: Set-Cookie, private, no-store and a zero TTL are never stored.
}

sub vcl_backend_error {
    # An instance that refused the connection: try the next one, for requests that change nothing.
    if (bereq.retries < 2 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
    if (bereq.is_bgfetch) {
        # A stale copy is being served: keep it, rather than store this failure over it.
        return (abandon);
    }
    # No instance answers and nothing is cached: the site's own 503 page, never stored.
    set beresp.ttl = 0s;
    set beresp.grace = 0s;
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Retry-After = "60";
    set beresp.http.Cache-Control = "no-store";
    call offline_page;
    return (deliver);
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0 && obj.ttl <= 0s) {
        set resp.http.X-Cache = "STALE";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.X-Site-Host;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}

sub vcl_synth {
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    set resp.body = resp.reason + {"
"};
    return (deliver);
}
