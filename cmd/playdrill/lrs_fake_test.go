package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
)

// fakeLRS keeps statements as an LRS does: by id, a second POST of the
// same id with other content is a 409 Conflict, and GET pages through
// them with "more".
type fakeLRS struct {
	mu        sync.Mutex
	order     []string
	byID      map[string]json.RawMessage
	posts     int
	conflicts int
	pageSize  int
	// brokenFrom, when set, makes pages from that statement on answer
	// garbage; hang makes them never answer.
	brokenFrom int
	hang       bool
}

func newFakeLRS(t *testing.T) (*fakeLRS, *httptest.Server) {
	f := &fakeLRS{byID: map[string]json.RawMessage{}, pageSize: 7}
	ts := httptest.NewServer(f)
	t.Cleanup(ts.Close)
	return f, ts
}

func (f *fakeLRS) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if u, k, ok := r.BasicAuth(); !ok || u != "u" || k != "k" {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	if r.URL.Path != "/xapi/statements" {
		w.WriteHeader(http.StatusNotFound)
		return
	}
	switch r.Method {
	case http.MethodPost:
		f.posts++
		var batch []json.RawMessage
		if err := json.NewDecoder(r.Body).Decode(&batch); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		var ids []string
		for _, raw := range batch {
			var head struct{ ID string }
			json.Unmarshal(raw, &head)
			if old, ok := f.byID[head.ID]; ok {
				if !bytes.Equal(old, raw) {
					f.conflicts++
					w.WriteHeader(http.StatusConflict)
					io.WriteString(w, `{"message":"statement `+head.ID+` differs from the one stored"}`)
					return
				}
			} else {
				f.byID[head.ID] = raw
				f.order = append(f.order, head.ID)
			}
			ids = append(ids, head.ID)
		}
		json.NewEncoder(w).Encode(ids)
	case http.MethodGet:
		from, _ := strconv.Atoi(r.URL.Query().Get("more"))
		if f.brokenFrom > 0 && from >= f.brokenFrom {
			if f.hang {
				f.mu.Unlock()
				<-r.Context().Done()
				f.mu.Lock()
				return
			}
			io.WriteString(w, "<html>maintenance</html>")
			return
		}
		to := min(from+f.pageSize, len(f.order))
		page := struct {
			Statements []json.RawMessage `json:"statements"`
			More       string            `json:"more"`
		}{Statements: []json.RawMessage{}}
		for _, id := range f.order[from:to] {
			page.Statements = append(page.Statements, f.byID[id])
		}
		if to < len(f.order) {
			page.More = fmt.Sprintf("/xapi/statements?more=%d", to)
		}
		json.NewEncoder(w).Encode(page)
	default:
		w.WriteHeader(http.StatusMethodNotAllowed)
	}
}

func (f *fakeLRS) count() (stored, conflicts int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.order), f.conflicts
}
