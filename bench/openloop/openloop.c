// openloop: a small open-loop HTTP/1.1 load generator in the style of wrk2, for the social benchmark.
//
//   openloop -a 127.0.0.1:PORT -r RATE -d SECONDS -c CONNECTIONS -f REQUESTS_FILE [-w WARMUP_SECONDS]
//
// REQUESTS_FILE has one request per line, `PATH` or `PATH<TAB>TOKEN` (sent as `Authorization: Bearer TOKEN`);
// request k uses line k mod n. Request k is due at t0 + k/RATE whatever the server's speed. A due request goes to an
// idle keep-alive connection or waits in a FIFO for one, and its latency runs from the DUE time to the last byte of
// the response, so queueing in this client, the kernel and the server is all charged (no coordinated omission).
// One thread, epoll, no pipelining. Only loopback addresses are accepted, and every run ends by itself after
// warm-up + duration + at most DRAIN_NS for the stragglers, which count as errors.
//
// Prints `key value` lines: requests errors non2xx achieved_rps p50_ms p90_ms p99_ms p999_ms max_ms cpu_ms.
// requests = measured responses (any status); errors = measured requests lost to connection errors or the drain
// deadline; non2xx is a subset of requests. Warm-up requests are sent but count nowhere.
// Build: gcc -O2 -Wall -Wextra -std=gnu11 -o openloop openloop.c -lm
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BUF_SIZE 16384              // headers and chunk-size lines must fit; bodies stream through without being kept
#define DRAIN_NS 2000000000LL       // grace for in-flight responses after the last request was due
#define RETRY_NS 10000000LL         // pause before reconnecting after a failed connect, so a dead port does not spin
#define MAX_EVENTS 256

enum { C_CLOSED, C_CONNECTING, C_IDLE, C_BUSY };
enum { P_HEAD, P_BODY, P_CHUNK, P_CDATA, P_TRAILER, P_EOF };

struct conn {
    int fd, state, ps, status, close_after, in_stack;
    int64_t k, due, rem, retry_at;   // request in flight, its due time; body bytes left; reconnect time when closed
    const char *out;                 // request being written, and how far
    size_t outlen, outoff, len, pos; // read buffer: bytes held, bytes parsed
    char buf[BUF_SIZE];
};

static struct sockaddr_in addr;
static int ep, nconns, nidle, nreq;
static struct conn *conns, **idle;
static char **reqs;
static size_t *reqlens;
static double rate;
static int64_t t0, total, warm, next_due, next_send, nrec, errors, non2xx;
static uint32_t *lat;

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int64_t due_ns(int64_t k) { return t0 + (int64_t)((double)k * 1e9 / rate); }

static void die(int code, const char *msg) { fprintf(stderr, "openloop: %s\n", msg); exit(code); }

static void set_idle(struct conn *c) {
    c->state = C_IDLE;
    if (!c->in_stack) { idle[nidle++] = c; c->in_stack = 1; }
}

// Idle connections form a stack; a connection that died while stacked is skipped here, not searched for there.
static struct conn *pop_idle(void) {
    while (nidle > 0) {
        struct conn *c = idle[--nidle];
        c->in_stack = 0;
        if (c->state == C_IDLE) return c;
    }
    return NULL;
}

static void watch(struct conn *c, int op, uint32_t events) {
    struct epoll_event ev = { .events = events, .data.ptr = c };
    if (epoll_ctl(ep, op, c->fd, &ev) < 0) die(1, "epoll_ctl failed");
}

static void connect_conn(struct conn *c) {
    c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c->fd < 0) die(1, "socket failed");
    int one = 1;  // requests are single small writes; Nagle would hold them back waiting for an ACK
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    c->state = C_CONNECTING;
    c->len = c->pos = 0;
    c->ps = P_HEAD;
    c->k = -1;
    if (connect(c->fd, (struct sockaddr *)&addr, sizeof addr) < 0 && errno != EINPROGRESS) {
        close(c->fd);
        c->state = C_CLOSED;
        c->retry_at = now_ns() + RETRY_NS;
        return;
    }
    watch(c, EPOLL_CTL_ADD, EPOLLIN | EPOLLOUT);  // writable = connected (or failed: SO_ERROR says which)
}

// Connection lost: the request on it (if measured) is an error; reconnect on the next loop turn.
static void fail(struct conn *c, int64_t retry_delay) {
    if (c->state == C_BUSY && c->k >= warm) errors++;
    close(c->fd);
    c->state = C_CLOSED;
    c->retry_at = now_ns() + retry_delay;
}

static void flush_out(struct conn *c) {
    while (c->outoff < c->outlen) {
        ssize_t w = send(c->fd, c->out + c->outoff, c->outlen - c->outoff, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EAGAIN) { watch(c, EPOLL_CTL_MOD, EPOLLIN | EPOLLOUT); return; }
            fail(c, 0);
            return;
        }
        c->outoff += (size_t)w;
    }
}

static void send_req(struct conn *c, int64_t k) {
    c->state = C_BUSY;
    c->k = k;
    c->due = due_ns(k);
    c->out = reqs[k % nreq];
    c->outlen = reqlens[k % nreq];
    c->outoff = 0;
    flush_out(c);
}

static void complete(struct conn *c) {
    int64_t t = now_ns();
    if (c->k >= warm) {
        int64_t us = (t - c->due) / 1000;
        lat[nrec++] = us > UINT32_MAX ? UINT32_MAX : (uint32_t)us;
        if (c->status < 200 || c->status > 299) non2xx++;
    }
    c->k = -1;
    if (c->close_after) { close(c->fd); c->state = C_CLOSED; c->retry_at = t; }
    else set_idle(c);
}

static void parse_headers(struct conn *c, char *p) {
    c->status = 0;
    c->rem = -1;
    c->close_after = 0;
    int chunked = 0;
    sscanf(p, "HTTP/1.%*d %d", &c->status);
    for (char *h = strstr(p, "\r\n"); h; ) {
        h += 2;
        char *end = strstr(h, "\r\n");
        if (end) *end = 0;  // the header block is consumed afterwards, so terminating each line in place is safe
        if (!strncasecmp(h, "content-length:", 15)) c->rem = strtoll(h + 15, NULL, 10);
        else if (!strncasecmp(h, "transfer-encoding:", 18)) chunked = strcasestr(h + 18, "chunked") != NULL;
        else if (!strncasecmp(h, "connection:", 11)) c->close_after = strcasestr(h + 11, "close") != NULL;
        h = end;
    }
    if (chunked) c->ps = P_CHUNK;
    else if (c->rem >= 0) c->ps = P_BODY;
    else if (c->status == 204 || c->status == 304) { c->rem = 0; c->ps = P_BODY; }
    else c->ps = P_EOF;  // neither length nor chunked: the body runs to the connection's close
}

// Consumes buffered bytes; returns 1 when a whole response has been read, 0 when more bytes are needed, -1 on garbage.
// Bodies are skipped as they arrive, so only the header block and chunk-size lines ever need to fit in the buffer.
static int parse(struct conn *c) {
    for (;;) {
        char *p = c->buf + c->pos, *e;
        size_t n = c->len - c->pos;
        switch (c->ps) {
        case P_HEAD:
            if (!(e = memmem(p, n, "\r\n\r\n", 4))) return 0;
            e[2] = 0;
            c->pos += (size_t)(e - p) + 4;
            parse_headers(c, p);
            if (c->status < 100 || c->rem < -1) return -1;
            if (c->status < 200) c->ps = P_HEAD;  // 1xx interim response: the real one follows
            break;
        case P_BODY:
        case P_CDATA: {
            size_t take = (size_t)c->rem < n ? (size_t)c->rem : n;
            c->pos += take;
            c->rem -= (int64_t)take;
            if (c->rem > 0) return 0;
            if (c->ps == P_BODY) { c->ps = P_HEAD; return 1; }
            c->ps = P_CHUNK;
            break;
        }
        case P_CHUNK: {
            if (!(e = memmem(p, n, "\r\n", 2))) return 0;
            char *hexend;
            long long size = strtoll(p, &hexend, 16);
            if (hexend == p || size < 0) return -1;
            c->pos += (size_t)(e - p) + 2;
            if (size == 0) c->ps = P_TRAILER;
            else { c->rem = size + 2; c->ps = P_CDATA; }  // + the CRLF closing the chunk's data
            break;
        }
        case P_TRAILER:
            if (!(e = memmem(p, n, "\r\n", 2))) return 0;
            c->pos += (size_t)(e - p) + 2;
            if (e == p) { c->ps = P_HEAD; return 1; }  // empty line ends the trailers
            break;
        case P_EOF:
            c->pos = c->len;
            return 0;
        }
    }
}

static void on_readable(struct conn *c) {
    ssize_t r = recv(c->fd, c->buf + c->len, BUF_SIZE - c->len, 0);
    if (r < 0 && errno == EAGAIN) return;
    if (r <= 0) {
        if (r == 0 && c->state == C_BUSY && c->ps == P_EOF) complete(c);  // a close-delimited body just ended
        if (c->state != C_CLOSED) fail(c, 0);
        return;
    }
    c->len += (size_t)r;
    int s;
    while (c->pos < c->len && (s = parse(c)) != 0) {
        // A response needs a request in flight; without pipelining, more bytes than one response are a protocol error.
        if (s < 0 || c->state != C_BUSY) { fail(c, 0); return; }
        complete(c);
        if (c->state != C_IDLE) return;
    }
    if (c->pos == c->len) c->len = c->pos = 0;
    else if (c->pos > 0) { memmove(c->buf, c->buf + c->pos, c->len - c->pos); c->len -= c->pos; c->pos = 0; }
    if (c->len == BUF_SIZE) fail(c, 0);  // a header block larger than the buffer
}

static void on_event(struct conn *c, uint32_t events) {
    if (c->state == C_CLOSED) return;  // closed earlier in this batch; its replacement is made at the top of the loop
    if (c->state == C_CONNECTING) {
        int err = 0;
        socklen_t len = sizeof err;
        getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err || (events & (EPOLLERR | EPOLLHUP))) { fail(c, RETRY_NS); return; }
        watch(c, EPOLL_CTL_MOD, EPOLLIN);
        set_idle(c);
        return;
    }
    if (events & (EPOLLIN | EPOLLERR | EPOLLHUP)) on_readable(c);
    if (c->state == C_BUSY && (events & EPOLLOUT) && c->outoff < c->outlen) {
        flush_out(c);
        if (c->state == C_BUSY && c->outoff == c->outlen) watch(c, EPOLL_CTL_MOD, EPOLLIN);
    }
}

static void load_requests(const char *path, const char *host) {
    FILE *f = fopen(path, "r");
    if (!f) die(1, "cannot open the requests file");
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
        if (n == 0) continue;
        char *token = strchr(line, '\t');
        if (token) *token++ = 0;
        reqs = realloc(reqs, (size_t)(nreq + 1) * sizeof *reqs);
        reqlens = realloc(reqlens, (size_t)(nreq + 1) * sizeof *reqlens);
        if (!reqs || !reqlens) die(1, "out of memory");
        // Requests are formatted once here, so sending is a single send() of ready bytes.
        int len = asprintf(&reqs[nreq], "GET %s HTTP/1.1\r\nHost: %s\r\n%s%s%s\r\n", line, host,
                           token ? "Authorization: Bearer " : "", token ? token : "", token ? "\r\n" : "");
        if (len < 0) die(1, "out of memory");
        reqlens[nreq++] = (size_t)len;
    }
    free(line);
    fclose(f);
    if (nreq == 0) die(2, "the requests file has no requests");
}

static int cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static void print_ms(const char *key, double q) {  // nearest-rank percentile of the sorted latencies
    if (nrec == 0) { printf("%s NaN\n", key); return; }
    int64_t i = (int64_t)ceil(q * (double)nrec) - 1;
    printf("%s %.3f\n", key, lat[i < 0 ? 0 : i] / 1000.0);
}

int main(int argc, char **argv) {
    const char *host = NULL, *file = NULL;
    double duration = 0, warmup = 0;
    int opt;
    while ((opt = getopt(argc, argv, "a:r:d:c:f:w:")) != -1) {
        switch (opt) {
        case 'a': host = optarg; break;
        case 'r': rate = atof(optarg); break;
        case 'd': duration = atof(optarg); break;
        case 'c': nconns = atoi(optarg); break;
        case 'f': file = optarg; break;
        case 'w': warmup = atof(optarg); break;
        default: die(2, "usage: openloop -a 127.0.0.1:PORT -r RATE -d SECONDS -c CONNECTIONS -f REQUESTS_FILE [-w WARMUP_SECONDS]");
        }
    }
    if (!host || !file || rate <= 0 || duration <= 0 || warmup < 0 || nconns < 1 || nconns > 10000)
        die(2, "usage: openloop -a 127.0.0.1:PORT -r RATE -d SECONDS -c CONNECTIONS -f REQUESTS_FILE [-w WARMUP_SECONDS]");
    // Loopback only: this is a load generator, and it must never point at anyone else's machine.
    const char *colon = strrchr(host, ':');
    char ip[64];
    int port = colon ? atoi(colon + 1) : 0;
    if (!colon || (size_t)(colon - host) >= sizeof ip || port < 1 || port > 65535) die(2, "the address must be 127.x.x.x:PORT");
    memcpy(ip, host, (size_t)(colon - host));
    ip[colon - host] = 0;
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, ip, &addr.sin_addr) != 1 || (ntohl(addr.sin_addr.s_addr) >> 24) != 127)
        die(2, "refusing a non-loopback address: only 127.x.x.x is allowed");
    load_requests(file, host);

    warm = (int64_t)ceil(warmup * rate);  // requests due before the warm-up ends are not measured
    total = warm + (int64_t)ceil(duration * rate);
    lat = malloc((size_t)(total - warm) * sizeof *lat);
    conns = calloc((size_t)nconns, sizeof *conns);
    idle = calloc((size_t)nconns, sizeof *idle);
    if (!lat || !conns || !idle) die(1, "out of memory");
    if ((ep = epoll_create1(EPOLL_CLOEXEC)) < 0) die(1, "epoll_create1 failed");
    prctl(PR_SET_TIMERSLACK, 1UL);  // the default 50 us slack would blur the send times
    for (int i = 0; i < nconns; i++) connect_conn(&conns[i]);

    t0 = now_ns();
    int64_t deadline = t0 + (int64_t)((warmup + duration) * 1e9) + DRAIN_NS;
    int use_pwait2 = 1;
    struct epoll_event evs[MAX_EVENTS];
    for (;;) {
        int64_t now = now_ns(), wake = deadline;
        while (next_due < total && due_ns(next_due) <= now) next_due++;
        for (int i = 0; i < nconns; i++) {
            if (conns[i].state == C_CLOSED) {
                if (conns[i].retry_at <= now) connect_conn(&conns[i]);
                if (conns[i].state == C_CLOSED && conns[i].retry_at < wake) wake = conns[i].retry_at;
            }
        }
        struct conn *c;  // the FIFO of due requests is the index range [next_send, next_due)
        while (next_send < next_due && (c = pop_idle())) send_req(c, next_send++);
        if (now >= deadline) break;
        if (next_send == total) {
            int busy = 0;
            for (int i = 0; i < nconns; i++) busy |= conns[i].state == C_BUSY;
            if (!busy) break;
        }
        if (next_due < total && due_ns(next_due) < wake) wake = due_ns(next_due);
        // Sleep until the next due time with nanosecond resolution (epoll_wait's milliseconds would batch sends).
        int64_t wait = wake > now ? wake - now : 0;
        int n;
        if (use_pwait2) {
            struct timespec ts = { wait / 1000000000LL, wait % 1000000000LL };
            n = epoll_pwait2(ep, evs, MAX_EVENTS, &ts, NULL);
            if (n < 0 && errno == ENOSYS) { use_pwait2 = 0; fprintf(stderr, "openloop: no epoll_pwait2, waits round up to 1 ms\n"); continue; }
        } else {
            n = epoll_wait(ep, evs, MAX_EVENTS, (int)((wait + 999999) / 1000000));
        }
        if (n < 0 && errno != EINTR) die(1, "epoll wait failed");
        for (int i = 0; i < n; i++) on_event(evs[i].data.ptr, evs[i].events);
    }

    // Measured requests still queued or in flight at the deadline never finished: they are errors.
    errors += total - (next_send > warm ? next_send : warm);
    for (int i = 0; i < nconns; i++) if (conns[i].state == C_BUSY && conns[i].k >= warm) errors++;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    qsort(lat, (size_t)nrec, sizeof *lat, cmp_u32);
    printf("requests %lld\nerrors %lld\nnon2xx %lld\nachieved_rps %.1f\n", (long long)nrec, (long long)errors,
           (long long)non2xx, (double)nrec / duration);
    print_ms("p50_ms", 0.50);
    print_ms("p90_ms", 0.90);
    print_ms("p99_ms", 0.99);
    print_ms("p999_ms", 0.999);
    print_ms("max_ms", 1.0);
    printf("cpu_ms %.1f\n", (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3);
    return 0;
}
