package xapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/playdrill/playdrill/internal/safe"
)

// LRS sends statements to a learning record store's statements resource.
type LRS struct {
	// Endpoint is the LRS's xAPI base; statements go to Endpoint/statements.
	Endpoint string
	User     string
	Key      string
	// Client defaults to an http.Client with a 30 s timeout.
	Client *http.Client
	// BatchSize is the number of statements per request (default 100).
	BatchSize int
	// Tries bounds the requests per batch (default 5); 5xx answers and
	// network errors are retried, 4xx answers are not.
	Tries int
	// Backoff is the wait before the first retry, doubled each time
	// (default 1 s).
	Backoff time.Duration
	// Sleep waits between tries; tests replace it. Default: a timer that
	// stops early when ctx is done.
	Sleep func(ctx context.Context, d time.Duration) error
	// Progress, if set, is told after each batch how many were sent.
	Progress func(sent int)
}

// LRSError is an answer the LRS refused a batch with.
type LRSError struct {
	Status  int
	Message string
}

func (e *LRSError) Error() string {
	if e.Message == "" {
		return fmt.Sprintf("the LRS refused the statements: %s", http.StatusText(e.Status))
	}
	return fmt.Sprintf("the LRS refused the statements (%d %s): %s", e.Status, http.StatusText(e.Status), e.Message)
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Send posts statements in batches. It stops at the first batch that
// fails for good and says how many statements the LRS had accepted.
func (l *LRS) Send(ctx context.Context, statements []Statement) (sent int, err error) {
	return l.SendEach(ctx, func(yield func(Statement) error) error {
		for _, s := range statements {
			if err := yield(s); err != nil {
				return err
			}
		}
		return nil
	})
}

// SendEach posts the statements each yields, a batch at a time as they
// come, so no more than one batch is ever held: an export of millions of
// attempts needs no more memory than one of a hundred. It stops at the
// first batch that fails for good, or the first error of each, and says
// how many statements the LRS had accepted.
func (l *LRS) SendEach(ctx context.Context, each func(yield func(Statement) error) error) (sent int, err error) {
	size := l.BatchSize
	if size <= 0 {
		size = 100
	}
	batch := make([]Statement, 0, size)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := l.sendBatch(ctx, batch); err != nil {
			return err
		}
		sent += len(batch)
		batch = batch[:0]
		if l.Progress != nil {
			l.Progress(sent)
		}
		return nil
	}
	err = each(func(s Statement) error {
		batch = append(batch, s)
		if len(batch) < size {
			return nil
		}
		return flush()
	})
	if err == nil {
		err = flush()
	}
	return sent, err
}

func (l *LRS) sendBatch(ctx context.Context, batch []Statement) error {
	body, err := json.Marshal(batch)
	if err != nil {
		return err
	}
	tries, wait := l.Tries, l.Backoff
	if tries <= 0 {
		tries = 5
	}
	if wait <= 0 {
		wait = time.Second
	}
	sleep := l.Sleep
	if sleep == nil {
		sleep = sleepCtx
	}
	var last error
	for try := 1; try <= tries; try++ {
		retry, err := l.post(ctx, body)
		if err == nil {
			return nil
		}
		if !retry || ctx.Err() != nil {
			return err
		}
		last = err
		if try < tries {
			if err := sleep(ctx, wait); err != nil {
				return err
			}
			wait *= 2
		}
	}
	return fmt.Errorf("gave up after %d tries: %w", tries, last)
}

// post makes one request; retry says whether a failure is worth another.
func (l *LRS) post(ctx context.Context, body []byte) (retry bool, err error) {
	url := strings.TrimRight(l.Endpoint, "/") + "/statements"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return false, fmt.Errorf("LRS address: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Experience-API-Version", XAPIVersion)
	req.SetBasicAuth(l.User, l.Key)
	client := l.Client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return true, fmt.Errorf("sending to the LRS: %w", err)
	}
	defer resp.Body.Close()
	msg := lrsMessage(resp.Body)
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return false, nil
	case resp.StatusCode >= 500:
		return true, &LRSError{Status: resp.StatusCode, Message: msg}
	default:
		return false, &LRSError{Status: resp.StatusCode, Message: msg}
	}
}

// lrsMessage reads what an LRS said: the "message" of a JSON error body,
// else the text, cut short and made safe for the terminal.
func lrsMessage(r io.Reader) string {
	data, _ := io.ReadAll(io.LimitReader(r, 64<<10))
	var doc struct {
		Message string `json:"message"`
		Error   any    `json:"error"`
	}
	text := strings.TrimSpace(string(data))
	if json.Unmarshal(data, &doc) == nil {
		switch {
		case doc.Message != "":
			text = doc.Message
		case doc.Error != nil:
			if s, ok := doc.Error.(string); ok {
				text = s
			}
		}
	}
	text = strings.Join(strings.Fields(safe.Text(text)), " ")
	if r := []rune(text); len(r) > 500 {
		text = string(r[:500]) + "…"
	}
	return text
}

// IsLRSError reports whether err is a refusal by the LRS.
func IsLRSError(err error) bool {
	var e *LRSError
	return errors.As(err, &e)
}
