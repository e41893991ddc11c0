# Peer of benchmarks/bench_alignment.py in R: yearly percent agreement of all pairs with dplyr.
#
# Reads the R unvotes tables (.rda) from the folder given as the first argument, untimed,
# then times the self-join on rcid, country_a < country_b, grouped by year and pair,
# mean equality (what the pandas baseline does), and prints the elapsed seconds and rows.
#
#   Rscript benchmarks/bench_alignment_dplyr.R ../shared/data/unvotes-r
suppressPackageStartupMessages(library(dplyr))
args <- commandArgs(trailingOnly = TRUE)
folder <- if (length(args)) args[[1]] else "../shared/data/unvotes-r"
load(file.path(folder, "un_votes.rda"))
load(file.path(folder, "un_roll_calls.rda"))
votes <- un_votes %>%
  inner_join(un_roll_calls %>% transmute(rcid, year = as.integer(format(date, "%Y"))), by = "rcid") %>%
  transmute(rcid, year, country = as.character(country_code), vote = as.character(vote))
start <- Sys.time()
out <- votes %>%
  inner_join(votes %>% select(rcid, country_b = country, vote_b = vote), by = "rcid",
             relationship = "many-to-many") %>%
  filter(country < country_b) %>%
  group_by(year, country, country_b) %>%
  summarise(percent = mean(vote == vote_b), n = n(), .groups = "drop")
elapsed <- as.numeric(difftime(Sys.time(), start, units = "secs"))
cat(sprintf("dplyr %.3f s, %d rows\n", elapsed, nrow(out)))
