package report

import (
	"time"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/playbook"
)

// fakeEngine returns fixed progress for a rep.
type fakeEngine struct {
	prog drill.Progress
	weak []drill.CardReport
}

func (f fakeEngine) Progress() (drill.Progress, error) { return f.prog, nil }
func (f fakeEngine) Weakest(n int) ([]drill.CardReport, error) {
	return f.weak[:min(n, len(f.weak))], nil
}

// progressFor builds a rep's progress from a status per step.
func progressFor(book *playbook.Playbook, rep string, statuses map[string]drill.Status, readiness map[string]float64, last time.Time) drill.Progress {
	p := drill.Progress{Rep: rep, LastAt: last}
	var sum float64
	n := 0
	for _, proc := range book.Processes {
		pp := drill.ProcessProgress{Process: proc}
		var psum float64
		for _, s := range proc.Steps {
			st := statuses[s.ID]
			if st == "" {
				st = drill.StatusLocked
			}
			sp := drill.StepProgress{Step: s, Status: st, Readiness: readiness[s.ID]}
			if st != drill.StatusLocked && st != drill.StatusNew {
				sp.Attempts = 3
				sp.LastAt = last
			}
			if st == drill.StatusDone {
				pp.Done++
			}
			psum += sp.Readiness
			pp.Steps = append(pp.Steps, sp)
		}
		pp.Readiness = psum / float64(len(proc.Steps))
		sum += psum
		n += len(proc.Steps)
		p.Processes = append(p.Processes, pp)
	}
	p.Readiness = sum / float64(n)
	return p
}
