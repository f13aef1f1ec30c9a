"""Language models as systems: any OpenAI-compatible Chat Completions endpoint, prompts as data.

``bench run --task ner --model NAME --base-url URL`` builds a system from a ``ModelConfig``
(``config``), renders the task's prompt templates (``prompts``, ``tasks/prompts/<task>.yaml``)
with few-shot examples from other documents only (``shots``), sends the requests concurrently
with retries and a persistent response cache (``client``, ``store``), parses and aligns the
answers to offsets (``answers``) and hands the predictions to the harness (``system``).
"""
