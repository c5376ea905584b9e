# docker-compose.yml's site file (mounted as /etc/varnish/site.vcl): see default.vcl.
# An instance takes traffic while it and its database answer (/health/ready/); two failed checks
# in three take it out. The Host must be one of ALLOWED_HOSTS: add "localhost" there, or put
# one of the councils' host names here. X-Forwarded-Proto keeps the HTTPS redirect out of it.
probe app_ready {
    .request = "GET /health/ready/ HTTP/1.1"
               "Host: localhost"
               "X-Forwarded-Proto: https"
               "Connection: close";
    .interval = 2s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

backend web1 { .host = "web1"; .port = "8000"; .probe = app_ready; }
backend web2 { .host = "web2"; .port = "8000"; .probe = app_ready; }

# Who may PURGE and BAN: the app's containers (the worker sends the purges), by the addresses
# their names have when Varnish starts. Not the whole network: visitors reaching the published
# port can appear to come from its gateway.
acl purgers {
    "worker";
    "web1";
    "web2";
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(web1);
    app.add_backend(web2);
}

sub offline_page {
    # Written by the migrate service (manage.py write_unavailable_page) into a shared volume.
    set beresp.body = std.fileread("/var/lib/varnish-pages/503.html");
}
