package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/playdrill/playdrill/internal/safe"
)

// Formats of a progress report.
const (
	FormatTable = "table"
	FormatCSV   = "csv"
	FormatJSON  = "json"
)

// timeText formats a time for people and files: RFC 3339 in UTC, or ""
// for never.
func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

type jsonReport struct {
	Playbook    string    `json:"playbook"`
	Version     string    `json:"version,omitempty"`
	GeneratedAt string    `json:"generated_at"`
	Reps        []jsonRep `json:"reps"`
	Team        jsonTeam  `json:"team"`
}

type jsonRep struct {
	Rep         string        `json:"rep"`
	Attempts    int           `json:"attempts"`
	Cram        int           `json:"cram"`
	Readiness   float64       `json:"readiness"`
	LastDrilled string        `json:"last_drilled,omitempty"`
	Steps       []jsonStep    `json:"steps"`
	Processes   []jsonProcess `json:"processes"`
	Weakest     []jsonWeak    `json:"weakest"`
}

type jsonStep struct {
	ID          string  `json:"id"`
	Process     string  `json:"process"`
	Title       string  `json:"title"`
	Status      string  `json:"status"`
	Readiness   float64 `json:"readiness"`
	Attempts    int     `json:"attempts"`
	LastDrilled string  `json:"last_drilled,omitempty"`
}

type jsonProcess struct {
	ID        string  `json:"id"`
	Title     string  `json:"title"`
	Readiness float64 `json:"readiness"`
	Done      int     `json:"done"`
	Steps     int     `json:"steps"`
}

type jsonWeak struct {
	Card           string  `json:"card"`
	Question       string  `json:"question"`
	Step           string  `json:"step"`
	Kind           string  `json:"kind"`
	Retrievability float64 `json:"retrievability"`
	LastScore      float64 `json:"last_score"`
	Attempts       int     `json:"attempts"`
}

type jsonTeam struct {
	Reps      int               `json:"reps"`
	Steps     []jsonTeamStep    `json:"steps"`
	Processes []jsonTeamProcess `json:"processes"`
}

type jsonTeamStep struct {
	ID      string  `json:"id"`
	Process string  `json:"process"`
	Done    int     `json:"done"`
	Share   float64 `json:"share"`
}

type jsonTeamProcess struct {
	ID        string  `json:"id"`
	Readiness float64 `json:"readiness"`
	DoneShare float64 `json:"done_share"`
}

// WriteJSON writes the report as the JSON object of the contract: `reps`,
// each with `rep`, `attempts` and `steps` of `id`, `process`, `status` and
// `readiness`, plus extra figures and a separate `team` object.
func WriteJSON(w io.Writer, r *Report) error {
	out := jsonReport{Playbook: r.Playbook, Version: r.Version, GeneratedAt: timeText(r.GeneratedAt), Reps: []jsonRep{}}
	for _, rep := range r.Reps {
		jr := jsonRep{Rep: rep.Name, Attempts: rep.Attempts, Cram: rep.Cram, Readiness: round4(rep.Readiness), LastDrilled: timeText(rep.LastAt),
			Steps: []jsonStep{}, Processes: []jsonProcess{}, Weakest: []jsonWeak{}}
		for _, s := range rep.Steps {
			jr.Steps = append(jr.Steps, jsonStep{ID: s.ID, Process: s.Process, Title: s.Title, Status: string(s.Status),
				Readiness: round4(s.Readiness), Attempts: s.Attempts, LastDrilled: timeText(s.LastAt)})
		}
		for _, p := range rep.Processes {
			jr.Processes = append(jr.Processes, jsonProcess{ID: p.ID, Title: p.Title, Readiness: round4(p.Readiness), Done: p.Done, Steps: p.Steps})
		}
		for _, c := range rep.Weakest {
			jr.Weakest = append(jr.Weakest, jsonWeak{Card: c.Card, Question: c.Prompt, Step: c.Step, Kind: string(c.Kind),
				Retrievability: round4(c.Retrievability), LastScore: round4(c.LastScore), Attempts: c.Attempts})
		}
		out.Reps = append(out.Reps, jr)
	}
	out.Team = jsonTeam{Reps: r.Team.Reps, Steps: []jsonTeamStep{}, Processes: []jsonTeamProcess{}}
	for _, s := range r.Team.Steps {
		out.Team.Steps = append(out.Team.Steps, jsonTeamStep{ID: s.ID, Process: s.Process, Done: s.Done, Share: round4(s.Share)})
	}
	for _, p := range r.Team.Processes {
		out.Team.Processes = append(out.Team.Processes, jsonTeamProcess{ID: p.ID, Readiness: round4(p.Readiness), DoneShare: round4(p.DoneShare)})
	}
	enc := safe.NewJSONEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// CSVHeader is the header row of a CSV report.
var CSVHeader = []string{"rep", "process", "step", "title", "status", "readiness", "attempts", "last_drilled"}

// WriteCSV writes one row per rep and step, for spreadsheets.
func WriteCSV(w io.Writer, r *Report) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, rep := range r.Reps {
		for _, s := range rep.Steps {
			row := []string{rep.Name, s.Process, s.ID, s.Title, string(s.Status),
				num(s.Readiness), strconv.Itoa(s.Attempts), timeText(s.LastAt)}
			if err := cw.Write(safe.Row(row)); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func num(f float64) string { return strconv.FormatFloat(round4(f), 'f', -1, 64) }

// percent formats a share 0..1 as a whole percentage.
func percent(f float64) string { return fmt.Sprintf("%d%%", int(f*100+0.5)) }
