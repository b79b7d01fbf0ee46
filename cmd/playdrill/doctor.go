package main

import "github.com/spf13/cobra"

func (a *app) doctorCmd() *cobra.Command { return notYet("doctor") }
