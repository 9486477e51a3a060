//go:build e2e

package e2e

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// A WebDriver BiDi client, enough to drive Firefox (which chromedp cannot):
// commands and their results, and events, over a WebSocket of its own
// (RFC 6455, client side: masked text frames out, fragments and pings in).

// bidi is a session with a browser.
type bidi struct {
	conn net.Conn
	r    *bufio.Reader
	wmu  sync.Mutex

	mu      sync.Mutex
	next    int
	waiting map[int]chan bidiReply
	events  func(method string, params json.RawMessage)
	err     error
}

type bidiReply struct {
	Type    string          `json:"type"`
	ID      *int            `json:"id"`
	Result  json.RawMessage `json:"result"`
	Error   string          `json:"error"`
	Message string          `json:"message"`
	Method  string          `json:"method"`
	Params  json.RawMessage `json:"params"`
}

// dialBiDi opens ws://host/session; events get every event.
func dialBiDi(ctx context.Context, wsURL string, events func(string, json.RawMessage)) (*bidi, error) {
	u, err := url.Parse(wsURL)
	if err != nil {
		return nil, err
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", u.Host)
	if err != nil {
		return nil, err
	}
	key := make([]byte, 16)
	rand.Read(key)
	k := base64.StdEncoding.EncodeToString(key)
	req := "GET " + u.RequestURI() + " HTTP/1.1\r\nHost: " + u.Host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
		"Sec-WebSocket-Key: " + k + "\r\nSec-WebSocket-Version: 13\r\n\r\n"
	if _, err := io.WriteString(conn, req); err != nil {
		conn.Close()
		return nil, err
	}
	r := bufio.NewReaderSize(conn, 1<<16)
	res, err := http.ReadResponse(r, nil)
	if err != nil {
		conn.Close()
		return nil, err
	}
	sum := sha1.Sum([]byte(k + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
	if res.StatusCode != http.StatusSwitchingProtocols || res.Header.Get("Sec-WebSocket-Accept") != base64.StdEncoding.EncodeToString(sum[:]) {
		conn.Close()
		return nil, fmt.Errorf("websocket handshake with %s: %s", wsURL, res.Status)
	}
	b := &bidi{conn: conn, r: r, waiting: map[int]chan bidiReply{}, events: events}
	go b.readLoop()
	return b, nil
}

func (b *bidi) Close() error { return b.conn.Close() }

// writeFrame sends one masked frame.
func (b *bidi) writeFrame(op byte, payload []byte) error {
	b.wmu.Lock()
	defer b.wmu.Unlock()
	hdr := []byte{0x80 | op}
	n := len(payload)
	switch {
	case n < 126:
		hdr = append(hdr, 0x80|byte(n))
	case n < 1<<16:
		hdr = append(hdr, 0x80|126, byte(n>>8), byte(n))
	default:
		hdr = append(hdr, 0x80|127)
		hdr = binary.BigEndian.AppendUint64(hdr, uint64(n))
	}
	mask := make([]byte, 4)
	rand.Read(mask)
	hdr = append(hdr, mask...)
	masked := make([]byte, n)
	for i := range payload {
		masked[i] = payload[i] ^ mask[i%4]
	}
	_, err := b.conn.Write(append(hdr, masked...))
	return err
}

// readMessage returns the next whole text message, answering pings.
func (b *bidi) readMessage() ([]byte, error) {
	var msg []byte
	for {
		var h [2]byte
		if _, err := io.ReadFull(b.r, h[:]); err != nil {
			return nil, err
		}
		fin, op := h[0]&0x80 != 0, h[0]&0x0f
		n := uint64(h[1] & 0x7f)
		switch n {
		case 126:
			var l [2]byte
			if _, err := io.ReadFull(b.r, l[:]); err != nil {
				return nil, err
			}
			n = uint64(binary.BigEndian.Uint16(l[:]))
		case 127:
			var l [8]byte
			if _, err := io.ReadFull(b.r, l[:]); err != nil {
				return nil, err
			}
			n = binary.BigEndian.Uint64(l[:])
		}
		if n > 64<<20 {
			return nil, fmt.Errorf("websocket frame of %d bytes", n)
		}
		var mask []byte
		if h[1]&0x80 != 0 {
			mask = make([]byte, 4)
			if _, err := io.ReadFull(b.r, mask); err != nil {
				return nil, err
			}
		}
		p := make([]byte, n)
		if _, err := io.ReadFull(b.r, p); err != nil {
			return nil, err
		}
		if mask != nil {
			for i := range p {
				p[i] ^= mask[i%4]
			}
		}
		switch op {
		case 0x8:
			return nil, errors.New("websocket closed by the browser")
		case 0x9:
			if err := b.writeFrame(0xA, p); err != nil {
				return nil, err
			}
			continue
		case 0xA:
			continue
		}
		msg = append(msg, p...)
		if fin {
			return msg, nil
		}
	}
}

func (b *bidi) readLoop() {
	for {
		data, err := b.readMessage()
		if err != nil {
			b.mu.Lock()
			b.err = err
			for id, ch := range b.waiting {
				close(ch)
				delete(b.waiting, id)
			}
			b.mu.Unlock()
			return
		}
		var m bidiReply
		if json.Unmarshal(data, &m) != nil {
			continue
		}
		if m.Type == "event" {
			if b.events != nil {
				b.events(m.Method, m.Params)
			}
			continue
		}
		if m.ID == nil {
			continue
		}
		b.mu.Lock()
		ch := b.waiting[*m.ID]
		delete(b.waiting, *m.ID)
		b.mu.Unlock()
		if ch != nil {
			ch <- m
		}
	}
}

// call sends a command and decodes its result into out (if not nil).
func (b *bidi) call(ctx context.Context, method string, params any, out any) error {
	b.mu.Lock()
	if b.err != nil {
		b.mu.Unlock()
		return b.err
	}
	b.next++
	id := b.next
	ch := make(chan bidiReply, 1)
	b.waiting[id] = ch
	b.mu.Unlock()
	if params == nil {
		params = map[string]any{}
	}
	msg, err := json.Marshal(map[string]any{"id": id, "method": method, "params": params})
	if err != nil {
		return err
	}
	if err := b.writeFrame(0x1, msg); err != nil {
		return err
	}
	select {
	case <-ctx.Done():
		b.mu.Lock()
		delete(b.waiting, id)
		b.mu.Unlock()
		return fmt.Errorf("%s: %w", method, ctx.Err())
	case r, ok := <-ch:
		if !ok {
			return fmt.Errorf("%s: %v", method, b.err)
		}
		if r.Type == "error" {
			return fmt.Errorf("%s: %s: %s", method, r.Error, r.Message)
		}
		if out != nil {
			return json.Unmarshal(r.Result, out)
		}
		return nil
	}
}

// eval evaluates expr in ctxID, awaiting a promise, and returns its value
// as JSON text (the expression's value goes through JSON.stringify).
func (b *bidi) eval(ctx context.Context, ctxID, expr string) (string, error) {
	var res struct {
		Type      string `json:"type"`
		Result    struct{ Type, Value any }
		Exception *struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	wrapped := `(async () => { const v = await (` + expr + `); return JSON.stringify(v === undefined ? null : v); })()`
	err := b.call(ctx, "script.evaluate", map[string]any{
		"expression": wrapped, "target": map[string]any{"context": ctxID}, "awaitPromise": true,
	}, &res)
	if err != nil {
		return "", err
	}
	if res.Type == "exception" {
		text := "exception"
		if res.Exception != nil {
			text = res.Exception.Text
		}
		return "", fmt.Errorf("%s: %s", strings.TrimSpace(expr[:min(len(expr), 80)]), text)
	}
	s, _ := res.Result.Value.(string)
	return s, nil
}

// poll evaluates expr every 50 ms until it is truthy.
func (b *bidi) poll(ctx context.Context, ctxID, expr string, timeout time.Duration) error {
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var last error
	for {
		v, err := b.eval(tctx, ctxID, `!!(`+expr+`)`)
		if err == nil && v == "true" {
			return nil
		}
		if err != nil {
			last = err
		}
		select {
		case <-tctx.Done():
			if last != nil {
				return fmt.Errorf("waiting for %s: %w (last: %v)", expr, tctx.Err(), last)
			}
			return fmt.Errorf("waiting for %s: %w", expr, tctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// screenshot captures the viewport of ctxID as PNG.
func (b *bidi) screenshot(ctx context.Context, ctxID string) ([]byte, error) {
	var res struct {
		Data string `json:"data"`
	}
	if err := b.call(ctx, "browsingContext.captureScreenshot", map[string]any{"context": ctxID}, &res); err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(res.Data)
}
