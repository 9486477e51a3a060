// Command outage-serve serves the explainer's page (index.html) and the web/
// folder on the loopback interface, with the right media types,
// precompressed .br/.gz copies, and the security headers the page expects.
//
//	outage-serve [-addr 127.0.0.1] [-port 8080] [-root .] [-prefix /]
//	outage-serve precompress [-quality 11] FILE...
//	outage-serve dist [-quality 11] [-root .] [-out dist]
//
// The second form is a build step: it writes FILE.br, FILE.gz and a
// FILE.json manifest (decoded size and digest, read by the page's loader to
// show honest download progress). The third writes the folder to publish
// on any static host (make dist; internal/serve.Dist). -prefix serves the
// site under a sub-path (-root dist -prefix /explainers/outage/), as a
// host would.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/outagelab/outage/internal/serve"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "precompress" {
		os.Exit(precompress(os.Args[2:], os.Stdout, os.Stderr))
	}
	if len(os.Args) > 1 && os.Args[1] == "dist" {
		os.Exit(dist(os.Args[2:], os.Stdout, os.Stderr))
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("outage-serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1", "address to listen on")
	port := fs.Int("port", 8080, "port to listen on (0: any free port)")
	root := fs.String("root", ".", "directory holding index.html and web/")
	prefix := fs.String("prefix", "/", "the path the site is served under, e.g. /explainers/outage/")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 || *port < 0 || *port > 65535 || !strings.HasPrefix(*prefix, "/") || !strings.HasSuffix(*prefix, "/") {
		fmt.Fprintln(stderr, "outage-serve: usage: outage-serve [-addr A] [-port N] [-root DIR] [-prefix /PATH/]")
		return 2
	}
	if _, err := os.Stat(*root + "/index.html"); err != nil {
		fmt.Fprintf(stderr, "outage-serve: %s has no index.html (use -root)\n", *root)
		return 1
	}
	h, err := serve.New(*root)
	if err != nil {
		fmt.Fprintln(stderr, "outage-serve:", err)
		return 1
	}
	defer h.Close()
	ln, err := net.Listen("tcp", net.JoinHostPort(*addr, strconv.Itoa(*port)))
	if err != nil {
		fmt.Fprintln(stderr, "outage-serve:", err)
		return 1
	}
	if m, _ := filepath.Glob(filepath.Join(*root, "web", "outage*.wasm")); len(m) == 0 {
		fmt.Fprintln(stderr, "outage-serve: warning: web/outage.wasm is missing (run make wasm)")
	}
	if _, err := os.Stat(*root + "/web/transcript.en.html"); err != nil {
		fmt.Fprintln(stderr, "outage-serve: warning: the transcripts are missing (run make wasm)")
	}
	base := "http://" + ln.Addr().String() + *prefix
	fmt.Fprintf(stdout, "serving %s\n", base)
	if _, err := os.Stat(filepath.Join(*root, "web", "embed-demo.html")); err == nil {
		fmt.Fprintf(stdout, "  embedded in an article: %sweb/embed-demo.html\n", base)
	}
	fmt.Fprintf(stdout, "  transcript: %sweb/transcript.en.html (Bahasa Indonesia: %sweb/transcript.id.html)\n", base, base)

	var handler http.Handler = h
	if *prefix != "/" {
		mux := http.NewServeMux()
		mux.Handle(*prefix, http.StripPrefix(strings.TrimSuffix(*prefix, "/"), h))
		mux.Handle(strings.TrimSuffix(*prefix, "/"), http.RedirectHandler(*prefix, http.StatusMovedPermanently))
		handler = mux
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(stderr, "outage-serve:", err)
		return 1
	}
	return 0
}

func precompress(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("outage-serve precompress", flag.ContinueOnError)
	fs.SetOutput(stderr)
	quality := fs.Int("quality", serve.MaxQuality, "brotli quality, 0..11")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 || *quality < 0 || *quality > serve.MaxQuality {
		fmt.Fprintln(stderr, "outage-serve: usage: outage-serve precompress [-quality 0..11] FILE...")
		return 2
	}
	for _, f := range fs.Args() {
		start := time.Now()
		m, fresh, err := serve.Precompress(f, *quality)
		if err != nil {
			fmt.Fprintln(stderr, "outage-serve:", err)
			return 1
		}
		note := "up to date"
		if fresh {
			note = time.Since(start).Round(100 * time.Millisecond).String()
		}
		fmt.Fprintf(stdout, "%s: %d bytes, gzip %d, brotli(q%d) %d (%s)\n", f, m.Bytes, m.Gzip, m.BrotliQuality, m.Brotli, note)
	}
	return 0
}

func dist(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("outage-serve dist", flag.ContinueOnError)
	fs.SetOutput(stderr)
	quality := fs.Int("quality", serve.MaxQuality, "brotli quality of the module's copy, 0..11")
	root := fs.String("root", ".", "the built site (index.html and web/ after make wasm)")
	out := fs.String("out", "dist", "the folder to write (replaced whole if make dist wrote it)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 || *quality < 0 || *quality > serve.MaxQuality {
		fmt.Fprintln(stderr, "outage-serve: usage: outage-serve dist [-quality 0..11] [-root DIR] [-out DIR]")
		return 2
	}
	start := time.Now()
	res, err := serve.Dist(*root, *out, *quality)
	if err != nil {
		fmt.Fprintln(stderr, "outage-serve:", err)
		return 1
	}
	var total int64
	for _, f := range res.Files {
		fmt.Fprintf(stdout, "  %-36s %10d\n", f.Name, f.Bytes)
		total += f.Bytes
	}
	note := "copies reused"
	if res.Compressed {
		note = "compressed"
	}
	m := res.Manifest
	fmt.Fprintf(stdout, "%s: %d files, %d bytes; %s: %d bytes, brotli(q%d) %d, gzip %d (%s, %s)\n",
		*out, len(res.Files), total, res.Wasm, m.Bytes, m.BrotliQuality, m.Brotli, m.Gzip, note,
		time.Since(start).Round(100*time.Millisecond))
	return 0
}
