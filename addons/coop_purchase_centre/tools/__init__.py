from .share_out import round_to_packages, smallest_divisors
