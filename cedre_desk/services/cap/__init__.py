"""Le Cap, the federation's self-assessment: its grid, assessments, picture and progress plan.

- `grids`: the grid versions a register keeps (the shipped provisional one written the first
  time it is needed), and the grid's sheet both ways;
- `assessments`: an assessment and its answers, saved half-done and resumed;
- `pictures`: an assessment's scores with the previous assessment and the target beside them,
  and what moved since the previous one;
- `plan`: the progress plan built from the answers below target, its actions, the late ones;
- `figures`: the yearly figures (companies that ran Le Cap, share reviewed, per region);
- `reports`: the PDF and Excel report of one assessment.
"""
