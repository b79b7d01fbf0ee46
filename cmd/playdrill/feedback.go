package main

import "github.com/spf13/cobra"

func (a *app) feedbackCmd() *cobra.Command { return notYet("feedback") }
