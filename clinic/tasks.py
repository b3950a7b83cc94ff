from django_tasks import task

from clinic import mail


@task()
def deliver_mail(*, mail_id: int) -> bool:
    return mail.deliver(mail_id)


@task()
def request_password_reset(*, email: str) -> int:
    return mail.queue_password_reset(email=email)
